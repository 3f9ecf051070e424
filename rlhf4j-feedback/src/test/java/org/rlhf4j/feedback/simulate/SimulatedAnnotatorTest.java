package org.rlhf4j.feedback.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;

class SimulatedAnnotatorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Prompt PROMPT = Prompt.of("How do I reset my password?");
    // Every response is worth 3, whatever its length: only a bias can separate them.
    private static final ScoreFunction<PromptResponse> FLAT = item -> 3.0;
    // Utility = number of '+' signs read.
    private static final ScoreFunction<PromptResponse> PLUSES = item -> item.response().chars().filter(c -> c == '+').count();

    private static SimulatedAnnotator annotator(ScoreFunction<PromptResponse> truth, AnnotatorConfig config, long seed) {
        return SimulatedAnnotator.of("sim-test", truth, config, new SplittableRandom(seed), CLOCK);
    }

    @Test
    void lengthBiasMakesTheLongerOfTwoEqualResponsesWinMoreThanHalfTheTime() {
        // perceived gap = 0.3 * ln(60 / 10) = 0.54; temperature 1 -> P(longer) = sigmoid(0.54) = 0.63
        SimulatedAnnotator biased = annotator(FLAT, AnnotatorConfig.defaults().withTemperature(1).withLengthBias(0.3), 1);
        String shortAnswer = "x".repeat(10), longAnswer = "y".repeat(60);
        int longer = 0, n = 4000;
        for (int i = 0; i < n; i++) longer += biased.compare(PROMPT, shortAnswer, longAnswer).orElseThrow().choice() == Choice.B ? 1 : 0;
        assertThat(longer / (double) n).isGreaterThan(0.55).isLessThan(0.71);
    }

    @Test
    void recordsAreAttributedToTheAnnotatorClockAndSource() {
        Comparison c = annotator(PLUSES, AnnotatorConfig.defaults(), 2).compare(PROMPT, "++", "+").orElseThrow();
        assertThat(c.choice()).isEqualTo(Choice.A);
        assertThat(c.strength()).isEqualTo(2.0); // gap 1
        assertThat(c.id()).isEqualTo("sim-test/comparison/1");
        assertThat(c.attribution().annotator()).isEqualTo("sim-test");
        assertThat(c.attribution().time()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(c.attribution().source()).isEqualTo("simulated");
    }

    @Test
    void skimReaderOnlyScoresTheFirstCharacters() {
        SimulatedAnnotator skimmer = annotator(PLUSES, AnnotatorConfig.defaults().withReadChars(3), 3);
        assertThat(skimmer.perceivedUtility(PROMPT, "++......++++")).isEqualTo(2.0);
        assertThat(skimmer.compare(PROMPT, "++......++++", "+++").orElseThrow().choice()).isEqualTo(Choice.B);
        assertThat(annotator(PLUSES, AnnotatorConfig.defaults(), 3).compare(PROMPT, "++......++++", "+++").orElseThrow().choice()).isEqualTo(Choice.A);
    }

    @Test
    void ratingAndRankingAreValidRecords() {
        SimulatedAnnotator rational = annotator(PLUSES, AnnotatorConfig.defaults(), 4);
        assertThat(rational.rate(PROMPT, "++++").orElseThrow().stars()).isEqualTo(4);
        assertThat(rational.rate(PROMPT, "+++++++").orElseThrow().stars()).isEqualTo(5); // clamped
        Ranking ranking = rational.rank(PROMPT, List.of("+", "+++", "++")).orElseThrow();
        assertThat(ranking.ranks()).containsExactly(3, 1, 2);
        assertThat(ranking.id()).isEqualTo("sim-test/ranking/3");
    }

    @Test
    void critiqueUsesACorrectionOnlyWhenItIsBetter() {
        SimulatedAnnotator rational = annotator(PLUSES, AnnotatorConfig.defaults(), 5);
        assertThat(rational.critique(PROMPT, "+", item -> "+++").orElseThrow().correctedResponse()).isEqualTo("+++");
        assertThat(rational.critique(PROMPT, "+++", item -> "+").orElseThrow().corrected()).isFalse();
        assertThat(rational.critique(PROMPT, "+", null).orElseThrow().critique()).contains("1.00");
    }

    @Test
    void sameSeedGivesIdenticalRecords() {
        assertThat(records(42)).isEqualTo(records(42)).isNotEqualTo(records(43));
    }

    private static List<Object> records(long seed) {
        SimulatedAnnotator a = annotator(PLUSES, AnnotatorConfig.defaults().withTemperature(1).withSkipProbability(0.2).withRatingNoise(1), seed);
        List<Object> out = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            out.add(a.compare(PROMPT, "++", "+++"));
            out.add(a.rate(PROMPT, "+++"));
            out.add(a.rank(PROMPT, List.of("+", "++", "+++")));
        }
        return out;
    }
}
