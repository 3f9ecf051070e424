package org.rlhf4j.feedback.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.Choice;

class TeacherTest {
    private static final int N = 10_000;
    // Items are named utilities: the teacher of "u" perceives Map value.
    private static final Map<String, Double> U = Map.of("low", 1.0, "mid", 2.0, "high", 3.0, "top", 3.3);

    private static Teacher<String> teacher(AnnotatorConfig config, long seed) {
        return new Teacher<>(U::get, config, new SplittableRandom(seed));
    }

    @Test
    void perfectlyRationalTeacherAlwaysPicksTheHigherUtility() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults(), 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(teacher.compare("high", "low").orElseThrow().choice()).isEqualTo(Choice.A);
            assertThat(teacher.compare("low", "mid").orElseThrow().choice()).isEqualTo(Choice.B);
        }
    }

    @Test
    void mistakesDisagreeWithTheTruthAtTheirRate() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults().withMistakeProbability(0.2), 2);
        int wrong = 0;
        for (int i = 0; i < N; i++) wrong += teacher.compare("high", "low").orElseThrow().choice() == Choice.B ? 1 : 0;
        assertThat(wrong / (double) N).isCloseTo(0.2, within(0.02));
    }

    @Test
    void boltzmannChoiceMatchesTheSigmoidOfGapOverTemperature() {
        // gap 1, temperature 1: 1 / (1 + e^-1) = 0.7311 (worked by hand)
        assertThat(Teacher.probabilityA(1.0, 1.0)).isCloseTo(0.7311, within(1e-4));
        assertThat(empiricalA(1.0, 3)).isCloseTo(0.731, within(0.02));
        // gap 1 (mid vs low), temperature 0.5: sigmoid(2) = 0.8808
        assertThat(empiricalA(0.5, 4)).isCloseTo(0.8808, within(0.02));
    }

    private static double empiricalA(double temperature, long seed) {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults().withTemperature(temperature), seed);
        int a = 0;
        for (int i = 0; i < N; i++) a += teacher.compare("mid", "low").orElseThrow().choice() == Choice.A ? 1 : 0;
        return a / (double) N;
    }

    @Test
    void skipsAreEmptyAndCounted() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults().withSkipProbability(0.3), 5);
        int empty = 0;
        for (int i = 0; i < N; i++) empty += teacher.compare("high", "low").isEmpty() ? 1 : 0;
        assertThat(empty / (double) N).isCloseTo(0.3, within(0.02));
        assertThat(teacher.skipped()).isEqualTo(empty);
    }

    @Test
    void tieExactlyWhenTheGapIsBelowTheThreshold() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults().withTieThreshold(0.5), 6);
        assertThat(teacher.compare("top", "high").orElseThrow().choice()).isEqualTo(Choice.TIE);   // gap 0.3 < 0.5
        assertThat(teacher.compare("high", "top").orElseThrow().choice()).isEqualTo(Choice.TIE);   // gap -0.3
        assertThat(teacher.compare("high", "mid").orElseThrow().choice()).isEqualTo(Choice.A);     // gap 1.0
        assertThat(teacher(AnnotatorConfig.defaults().withTieThreshold(1.0), 6).compare("high", "mid").orElseThrow().choice())
                .isEqualTo(Choice.A);                                                              // gap 1.0 is not below 1.0
        assertThat(teacher(AnnotatorConfig.defaults().withTieThreshold(1.01), 6).compare("high", "mid").orElseThrow().choice())
                .isEqualTo(Choice.TIE);
    }

    @Test
    void rationalTeacherCallsExactlyEqualUtilitiesATie() {
        assertThat(teacher(AnnotatorConfig.defaults(), 16).compare("mid", "mid").orElseThrow().choice()).isEqualTo(Choice.TIE);
    }

    @Test
    void bothBadWhenBothUtilitiesAreBelowItsThreshold() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults().withBothBadThreshold(2.5), 7);
        assertThat(teacher.compare("low", "mid").orElseThrow().choice()).isEqualTo(Choice.BOTH_BAD);
        assertThat(teacher.compare("low", "high").orElseThrow().choice()).isEqualTo(Choice.B);
    }

    @Test
    void strengthGrowsWithTheGap() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults(), 8);
        assertThat(teacher.compare("top", "high").orElseThrow().strength()).isEqualTo(1.0); // 0.3 < 0.5
        assertThat(teacher.compare("high", "mid").orElseThrow().strength()).isEqualTo(2.0); // 0.5 <= 1.0 < 1.5
        assertThat(teacher.compare("high", "low").orElseThrow().strength()).isEqualTo(3.0); // 2.0 >= 1.5
    }

    @Test
    void myopicReturnOfAHandMadeSequence() {
        // rewards (1, 2, 3), gamma 0.5: 0.25*1 + 0.5*2 + 1*3 = 4.25
        assertThat(ScoreFunction.myopicReturn(List.of(1.0, 2.0, 3.0), 0.5)).isEqualTo(4.25);
        assertThat(ScoreFunction.myopicReturn(1.0).utility(List.of(1.0, 2.0, 3.0))).isEqualTo(6.0);
    }

    @Test
    void myopicTeacherPrefersTheTrajectoryThatEndsWell() {
        // early (3, 0, 0) and late (0, 0, 2): plain returns 3 > 2, myopic (gamma 0.5) 0.75 < 2
        List<Double> early = List.of(3.0, 0.0, 0.0), late = List.of(0.0, 0.0, 2.0);
        assertThat(Teacher.ofTrajectories(AnnotatorConfig.defaults(), new SplittableRandom(9)).compare(early, late).orElseThrow().choice()).isEqualTo(Choice.A);
        assertThat(Teacher.ofTrajectories(AnnotatorConfig.defaults().withMyopiaGamma(0.5), new SplittableRandom(9)).compare(early, late).orElseThrow().choice())
                .isEqualTo(Choice.B);
    }

    @Test
    void rationalRankingIsTheUtilityOrder() {
        assertThat(teacher(AnnotatorConfig.defaults(), 10).rank(List.of("mid", "top", "low", "high")).orElseThrow()).containsExactly(3, 1, 4, 2);
    }

    @Test
    void tiesShareACompetitionRank() {
        // top 3.3 and high 3.0 within 0.5: both rank 1, next is 3
        assertThat(teacher(AnnotatorConfig.defaults().withTieThreshold(0.5), 11).rank(List.of("mid", "top", "low", "high")).orElseThrow())
                .containsExactly(3, 1, 4, 1);
    }

    @Test
    void noisyRankingsAreValidCompetitionRanks() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults().withTemperature(1).withMistakeProbability(0.3).withTieThreshold(0.4), 12);
        for (int i = 0; i < 500; i++) {
            List<Integer> ranks = teacher.rank(List.of("mid", "top", "low", "high")).orElseThrow();
            new org.rlhf4j.feedback.Ranking("r", org.rlhf4j.feedback.Prompt.of("q"), List.of("1", "2", "3", "4"), ranks, null);
        }
    }

    @Test
    void twoItemRankingFollowsTheBoltzmannChoice() {
        // Gumbel noise of scale t: P(first) = sigmoid(gap / t); gap 1, t 1 -> 0.731
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults().withTemperature(1), 13);
        int first = 0;
        for (int i = 0; i < N; i++) first += teacher.rank(List.of("mid", "low")).orElseThrow().get(0) == 1 ? 1 : 0;
        assertThat(first / (double) N).isCloseTo(0.731, within(0.02));
    }

    @Test
    void rationalStarsAreTheRoundedUtility() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults(), 14);
        assertThat(teacher.rate("top").orElseThrow()).isEqualTo(3);
        assertThat(teacher.rate("mid").orElseThrow()).isEqualTo(2);
    }

    @Test
    void noisyStarsStayOnTheScaleAndAverageNearTheUtility() {
        Teacher<String> teacher = teacher(AnnotatorConfig.defaults().withRatingNoise(0.5), 15);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            int stars = teacher.rate("high").orElseThrow();
            assertThat(stars).isBetween(1, 5);
            sum += stars;
        }
        assertThat(sum / N).isCloseTo(3.0, within(0.05));
    }
}
