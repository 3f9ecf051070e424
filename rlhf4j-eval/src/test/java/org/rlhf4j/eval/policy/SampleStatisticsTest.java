package org.rlhf4j.eval.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers worked out by hand in the comments. */
class SampleStatisticsTest {
    @Test
    void distinctNCountsUniqueWordNGramsOverAllReplies() {
        // unigrams a b a | b a c: 6 in all, {a, b, c} distinct -> 3/6
        // bigrams (a b) (b a) | (b a) (a c): 4 in all, 3 distinct -> 3/4
        List<String> replies = List.of("a b a", "  b a\tc ");
        assertThat(SampleStatistics.distinct(replies, 1)).isEqualTo(0.5);
        assertThat(SampleStatistics.distinct(replies, 2)).isEqualTo(0.75);
        assertThat(SampleStatistics.distinct(replies, 3)).isEqualTo(1.0);   // (a b a), (b a c)
        assertThat(SampleStatistics.distinct(List.of("", "one"), 2)).isZero();
        assertThat(SampleStatistics.distinct(List.of("same same", "same same"), 1)).isEqualTo(0.25);
    }

    @Test
    void winRateCountsTiesHalfWithANormalInterval() {
        // outcomes 1, 0.5, 1, 0 -> mean 0.625; squared deviations .140625 + .015625 + .140625 + .390625 = .6875,
        // s = sqrt(.6875 / 3) = .478714, half-width 1.959964 * .478714 / 2 = .469131
        Estimate w = SampleStatistics.winRate(new double[] {3, 2, 5, 1}, new double[] {2, 2, 4, 4});
        assertThat(w.mean()).isEqualTo(0.625);
        assertThat(w.lower()).isCloseTo(0.155869, within(1e-6));
        assertThat(w.upper()).isCloseTo(1.094131, within(1e-6));
        assertThat(w.n()).isEqualTo(4);
        assertThat(SampleStatistics.winRate(new double[] {1, 1}, new double[] {1, 1}).mean()).isEqualTo(0.5);
    }

    @Test
    void estimateIsTheMeanWithNinetyFivePercentInterval() {
        // 1, 2, 3: mean 2, s = 1, half-width 1.959964 / sqrt(3) = 1.131586
        Estimate e = Estimate.of(new double[] {1, 2, 3});
        assertThat(e.mean()).isEqualTo(2.0);
        assertThat(e.halfWidth()).isCloseTo(1.131586, within(1e-6));
        assertThat(Estimate.of(new double[] {4}).lower()).isEqualTo(4.0);
        assertThat(Estimate.of(new double[0]).mean()).isNaN();
    }

    @Test
    void pearsonCorrelation() {
        // x 1 2 3, y 2 4 7: sxy = 5, sxx = 2, syy = 12.6667 -> 5 / sqrt(25.3333) = 0.993399
        assertThat(SampleStatistics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7})).isCloseTo(0.993399, within(1e-6));
        assertThat(SampleStatistics.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1.0, within(1e-12));
        assertThat(SampleStatistics.pearson(new double[] {1, 1}, new double[] {2, 3})).isNaN();
    }
}
