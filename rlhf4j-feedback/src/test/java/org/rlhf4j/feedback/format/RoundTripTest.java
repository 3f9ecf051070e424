package org.rlhf4j.feedback.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Rating;

class RoundTripTest {
    @TempDir
    Path dir;

    private static final Prompt MULTI = new Prompt(List.of(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello"), Message.user("Where is my parcel?")));
    private static final List<Comparison> COMPARISONS = List.of(
            Comparison.preferring("c1", Prompt.of("Say hi — in “quotes”"), "Hi!", "Go away", null),
            new Comparison("c2", MULTI, "It is late, sorry.", "Tracking says Tuesday.", Choice.B, 2.0, null),
            new Comparison("c3", Prompt.of("tie"), "x", "y", Choice.TIE, null, null),
            new Comparison("c4", Prompt.of("bad"), "x", "y", Choice.BOTH_BAD, null, null));

    /** What survives TRL's format: prompt, chosen, rejected (ids, choice side and strength do not). */
    private static List<String> essence(List<Comparison> comparisons) {
        return comparisons.stream().filter(c -> c.choice().decisive()).map(c -> c.prompt() + "|" + c.chosen() + "|" + c.rejected()).toList();
    }

    @Test
    void conversationalExportThenImportGivesTheSameComparisons() {
        Path file = dir.resolve("prefs.jsonl.gz");
        ExportResult export = TrlPreferenceWriter.write(file, COMPARISONS, TrlStyle.CONVERSATIONAL);
        assertThat(export.written()).isEqualTo(2);
        assertThat(export.skipped()).extracting(ExportSkip::id).containsExactly("c3", "c4");

        ImportResult<Comparison> back = TrlPreferenceReader.read(file, "mine");
        assertThat(back.problems()).isEmpty();
        assertThat(essence(back.records())).isEqualTo(essence(COMPARISONS));
        assertThat(back.records()).extracting(Comparison::id).containsExactly("mine:1", "mine:2");
    }

    @Test
    void plainExportSkipsMultiTurnPrompts() {
        Path file = dir.resolve("plain.jsonl");
        ExportResult export = TrlPreferenceWriter.write(file, COMPARISONS, TrlStyle.PLAIN);
        assertThat(export.written()).isEqualTo(1);
        assertThat(export.skipped()).extracting(ExportSkip::reason).containsExactly(
                "a multi-turn prompt needs the conversational style", "choice is TIE: no chosen response", "choice is BOTH_BAD: no chosen response");
        assertThat(essence(TrlPreferenceReader.read(file).records())).isEqualTo(essence(COMPARISONS.subList(0, 1)));
        assertThat(FormatDetector.detect(file)).isEqualTo(FeedbackFormat.TRL_PREFERENCE);
    }

    @Test
    void implicitPromptFormImports() throws Exception {
        Path file = Lines.write(dir.resolve("implicit.jsonl"),
                "{\"chosen\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}],\"rejected\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"b\"}]}");
        Comparison c = TrlPreferenceReader.read(file).records().get(0);
        assertThat(c.prompt()).isEqualTo(Prompt.of("q"));
        assertThat(c.chosen()).isEqualTo("a");
        assertThat(c.rejected()).isEqualTo("b");
        assertThat(FormatDetector.detect(file)).isEqualTo(FeedbackFormat.TRL_IMPLICIT_PREFERENCE);
    }

    @Test
    void unpairedExportFromComparisonsAndRatings() {
        UnpairedWriter.Conversion fromPairs = UnpairedWriter.fromComparisons(COMPARISONS);
        assertThat(fromPairs.examples()).extracting(e -> e.id() + "=" + e.completion() + "/" + e.desirable())
                .containsExactly("c1/chosen=Hi!/true", "c1/rejected=Go away/false", "c2/chosen=Tracking says Tuesday./true", "c2/rejected=It is late, sorry./false");
        assertThat(fromPairs.skipped()).hasSize(2);

        List<Rating> ratings = List.of(1, 2, 3, 4, 5).stream()
                .map(s -> new Rating("r" + s, Prompt.of("q"), "answer " + s, s, Map.of(), Attribution.source("web"))).toList();
        UnpairedWriter.Conversion fromRatings = UnpairedWriter.fromRatings(ratings);
        assertThat(fromRatings.examples()).extracting(e -> e.id() + "/" + e.desirable()).containsExactly("r1/false", "r2/false", "r4/true", "r5/true");
        assertThat(fromRatings.skipped()).extracting(ExportSkip::id).containsExactly("r3");

        Path file = dir.resolve("kto.jsonl");
        assertThat(UnpairedWriter.write(file, fromPairs.examples(), TrlStyle.CONVERSATIONAL).written()).isEqualTo(4);
        ImportResult<UnpairedExample> back = UnpairedReader.read(file);
        assertThat(back.problems()).isEmpty();
        assertThat(back.records()).extracting(e -> e.prompt() + "|" + e.completion() + "|" + e.desirable())
                .isEqualTo(fromPairs.examples().stream().map(e -> e.prompt() + "|" + e.completion() + "|" + e.desirable()).toList());
        assertThat(FormatDetector.detect(file)).isEqualTo(FeedbackFormat.TRL_UNPAIRED);
    }
}
