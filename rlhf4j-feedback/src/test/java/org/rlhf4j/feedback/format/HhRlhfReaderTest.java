package org.rlhf4j.feedback.format;

import org.rlhf4j.feedback.LineProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Role;

class HhRlhfReaderTest {
    private static Path split(String name) {
        return SharedData.file("hh-rlhf/" + name + "/test.jsonl.gz");
    }

    /**
     * Published pair counts; every pair is a record or a problem. The problems are the data's
     * own: empty final replies (4 chosen in harmless-base, 3 rejected in helpful-online) and one
     * empty assistant turn inside a helpful-online prompt (line 465).
     */
    @ParameterizedTest
    @CsvSource({
        "harmless-base, 2312, 4, 5, 0, 4, 0",
        "helpful-online, 1137, 4, 0, 2, 0, 2",
        "helpful-rejection-sampled, 2749, 0, 3, 32, 1, 0",
    })
    void importsThePublishedSplits(String name, int pairs, int problems, int mismatches, int identical, int trimmed, int replyTurns) {
        ImportResult<Comparison> result = HhRlhfReader.read(split(name));

        assertThat(result.records().size() + result.problems().size()).isEqualTo(pairs);
        assertThat(result.problems()).hasSize(problems);
        assertThat(result.noteCount(HhRlhfReader.PROMPT_MISMATCH)).isEqualTo(mismatches);
        assertThat(result.records()).filteredOn(c -> "true".equals(c.attribution().metadata().get("prompt_mismatch"))).hasSize(mismatches);
        assertThat(result.records()).filteredOn(c -> c.responseA().equals(c.responseB())).hasSize(identical);
        assertThat(result.noteCount(HhRlhfReader.PROMPT_TRIMMED)).isEqualTo(trimmed);
        assertThat(result.noteCount(HhRlhfReader.REPLY_HAS_TURNS)).isEqualTo(replyTurns);
        Comparison first = result.records().get(0);
        assertThat(first.id()).isEqualTo("hh-rlhf/" + name + ":1");
        assertThat(first.attribution().source()).isEqualTo("hh-rlhf/" + name);
    }

    @Test
    void theProblemsAreTheDataSetsEmptyTurns() {
        assertThat(HhRlhfReader.read(split("harmless-base")).problems()).extracting(p -> p.line() + " " + p.field() + " " + p.message())
                .containsExactly("87 chosen the final assistant reply is empty", "517 chosen the final assistant reply is empty",
                        "926 chosen the final assistant reply is empty", "1104 chosen the final assistant reply is empty");
        assertThat(HhRlhfReader.read(split("helpful-online")).problems()).extracting(p -> p.line() + " " + p.field())
                .containsExactly("465 chosen", "553 rejected", "894 rejected", "1054 rejected");
    }

    /**
     * The README's baseline, "the longer final reply wins" (length in characters, ties as half),
     * computed over every pair with the transcript split alone: a check of reply extraction
     * against an outside figure. The exact scores are 487.5/1137 = 0.42876, 1560/2749 = 0.56748
     * and 1028.5/2312 = 0.44485; the README's 0.568 for the second is 0.56748 rounded twice
     * (to 0.5675, then 0.568), so the README figures are checked to within 0.001.
     */
    @ParameterizedTest
    @CsvSource({"helpful-online, 487.5, 0.429", "helpful-rejection-sampled, 1560.0, 0.568", "harmless-base, 1028.5, 0.445"})
    void longerReplyBaselineMatchesTheReadme(String name, double expectedWins, double readme) {
        List<LineProblem> problems = new ArrayList<>();
        double[] score = new double[2];
        JsonLinesFile.forEachObject(split(name), problems, (line, object) -> {
            HhRlhfTranscript.Pair pair = HhRlhfTranscript.split(object.get("chosen").textValue(), object.get("rejected").textValue());
            int c = pair.chosen().codePointCount(0, pair.chosen().length());
            int r = pair.rejected().codePointCount(0, pair.rejected().length());
            score[0] += c > r ? 1 : c == r ? 0.5 : 0;
            score[1]++;
        });
        assertThat(problems).isEmpty();
        assertThat(score[0]).isEqualTo(expectedWins);
        assertThat(score[0] / score[1]).isCloseTo(readme, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void parsesATwoTurnTranscriptExactly() {
        String chosen = "\n\nHuman: Hi there.\n\nAssistant: Hello!  How can I help?\n\nHuman:  Two spaces, kept.\nSecond line.\n\nAssistant: Sure thing.";
        String rejected = "\n\nHuman: Hi there.\n\nAssistant: Hello!  How can I help?\n\nHuman:  Two spaces, kept.\nSecond line.\n\nAssistant: No.";

        HhRlhfTranscript.Pair pair = HhRlhfTranscript.split(chosen, rejected);

        assertThat(pair.promptTurns()).containsExactly(
                new HhRlhfTranscript.Turn(Role.USER, "Hi there."),
                new HhRlhfTranscript.Turn(Role.ASSISTANT, "Hello!  How can I help?"),
                new HhRlhfTranscript.Turn(Role.USER, " Two spaces, kept.\nSecond line."));
        assertThat(pair.chosen()).isEqualTo("Sure thing.");
        assertThat(pair.rejected()).isEqualTo("No.");
        assertThat(pair.promptMismatch()).isFalse();
    }

    @Test
    void aReadPairBecomesAComparisonPreferringA(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = Lines.write(dir.resolve("red-team").resolve("x.jsonl"),
                "{\"chosen\":\"\\n\\nHuman: Hi\\n\\nAssistant: Hello\",\"rejected\":\"\\n\\nHuman: Hi\\n\\nAssistant: Go away\"}");
        Comparison c = HhRlhfReader.read(file).records().get(0);
        assertThat(c.prompt().messages()).containsExactly(Message.user("Hi"));
        assertThat(c.chosen()).isEqualTo("Hello");
        assertThat(c.rejected()).isEqualTo("Go away");
        assertThat(c.id()).isEqualTo("hh-rlhf/red-team:1");
    }
}
