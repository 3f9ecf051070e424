package org.rlhf4j.align.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.world.SatisfactionTerms;

class SupportReplyBenchTest {

    private static SatisfactionTerms terms(double relevance, double details, boolean wrong, int words, double score) {
        return new SatisfactionTerms(relevance, details, 1, 1, 1, wrong, false, false, false, 0, false, 0, words, 0, score);
    }

    @Test
    void summaryAveragesTheTermsAndCountsWrongAndKeyDetails() {
        var row = SupportReplyBench.summarise("T=1.0", List.of(
                terms(1.0, 1.0, false, 40, 4.5),
                terms(0.5, 0.0, true, 20, 2.5),
                terms(0.0, 0.25, false, 30, 2.0),
                terms(1.0, 0.0, true, 50, 3.0)), 2.0);
        // gold (4.5+2.5+2+3)/4 = 3; relevance 2.5/4; details 1.25/4; wrong 2 of 4; key right 1 of 4; words 140/4.
        assertThat(row.gold()).isCloseTo(3.0, within(1e-12));
        assertThat(row.relevance()).isCloseTo(0.625, within(1e-12));
        assertThat(row.details()).isCloseTo(0.3125, within(1e-12));
        assertThat(row.wrongDetailShare()).isEqualTo(0.5);
        assertThat(row.keyDetailShare()).isEqualTo(0.25);
        assertThat(row.words()).isEqualTo(35.0);
        assertThat(row.markdown()).startsWith("| T=1.0 | 4 | 3.00 | 0.63 | 0.31 | 50% | 25% | 35 |");
    }

    @Test
    void aReplyEndsAtItsFirstNewlineWithoutTheLeadingSpace() {
        assertThat(SupportReplyBench.firstLine(" Hi Ana, done.\nCustomer: thanks")).isEqualTo("Hi Ana, done.");
        assertThat(SupportReplyBench.firstLine(" no newline")).isEqualTo("no newline");
    }
}
