package org.rlhf4j.feedback.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;

class PreferencePairsTest {
    private static final Prompt Q = Prompt.of("q");
    private static final Attribution NONE = Attribution.none();

    // Ranks (2,1,2,4) over a,b,c,d. Index pairs in order:
    // (a,b) 2 vs 1 -> b>a, diff 1; (a,c) 2 vs 2 -> tie; (a,d) 2 vs 4 -> a>d, diff 2;
    // (b,c) 1 vs 2 -> b>c, diff 1; (b,d) 1 vs 4 -> b>d, diff 3; (c,d) 2 vs 4 -> c>d, diff 2.
    // 4 choose 2 = 6 pairs, minus 1 tie = 5.
    private static final Ranking RANKING = new Ranking("k", Q, List.of("a", "b", "c", "d"), List.of(2, 1, 2, 4), NONE);

    @Test
    void rankingGivesEveryUntiedPairWithZeroMarginByDefault() {
        Conversion<PreferencePair> out = PreferencePairs.fromRankings(List.of(RANKING), PairOptions.defaults());
        assertThat(out.items()).extracting(PreferencePair::id, PreferencePair::chosen, PreferencePair::rejected, PreferencePair::margin)
                .containsExactly(tuple("k:1>0", "b", "a", 0.0), tuple("k:0>3", "a", "d", 0.0), tuple("k:1>2", "b", "c", 0.0),
                        tuple("k:1>3", "b", "d", 0.0), tuple("k:2>3", "c", "d", 0.0));
        assertThat(out.items()).allSatisfy(p -> assertThat(p.origin()).isEqualTo("ranking"));
        SourceCounts counts = out.report().of("ranking");
        assertThat(counts.records()).isEqualTo(1);
        assertThat(counts.pairs()).isEqualTo(5);
        assertThat(counts.ties()).isEqualTo(1);
    }

    @Test
    void rankingMarginsCanBeRankDifferences() {
        Conversion<PreferencePair> out = PreferencePairs.fromRankings(List.of(RANKING), PairOptions.defaults().withRankMargins(true));
        assertThat(out.items()).extracting(PreferencePair::margin).containsExactly(1.0, 2.0, 1.0, 3.0, 2.0);
    }

    @Test
    void ratingsOfOnePromptGivePairsWithStarDifferenceAndCountTies() {
        // Stars 5, 3, 3 on x, y, z: x>y margin 2, x>z margin 2, y=z a tie. Another prompt rated once: skipped.
        List<Rating> ratings = List.of(rating("r1", Q, "x", 5), rating("r2", Q, "y", 3), rating("r3", Q, "z", 3), rating("r4", Prompt.of("other"), "w", 4));
        Conversion<PreferencePair> out = PreferencePairs.fromRatings(ratings, PairOptions.defaults());
        assertThat(out.items()).extracting(PreferencePair::id, PreferencePair::chosen, PreferencePair::rejected, PreferencePair::margin)
                .containsExactly(tuple("r1>r2", "x", "y", 2.0), tuple("r1>r3", "x", "z", 2.0));
        SourceCounts counts = out.report().of("ratings");
        assertThat(counts).extracting(SourceCounts::records, SourceCounts::pairs, SourceCounts::ties).containsExactly(4, 2, 1);
        assertThat(counts.skipped()).isEqualTo(Map.of(PreferencePairs.SKIP_ONLY_RATING, 1));
    }

    @Test
    void ratingMarginsScale() {
        // Stars 4 and 1, scale 0.5: margin (4 - 1) * 0.5 = 1.5; the lower-rated one listed first still ends up rejected.
        List<Rating> ratings = List.of(rating("lo", Q, "bad", 1), rating("hi", Q, "good", 4));
        PreferencePair pair = PreferencePairs.fromRatings(ratings, PairOptions.defaults().withRatingMarginScale(0.5)).items().get(0);
        assertThat(pair).isEqualTo(new PreferencePair("hi>lo", Q, "good", "bad", 1.5, "ratings"));
    }

    @Test
    void sameResponseRatedTwiceIsNotAPair() {
        // Two annotators rate "x" 5 and 4: the pair would be x over x, so it is skipped and counted.
        List<Rating> ratings = List.of(rating("r1", Q, "x", 5), rating("r2", Q, "x", 4), rating("r3", Q, "x", 4));
        Conversion<PreferencePair> out = PreferencePairs.fromRatings(ratings, PairOptions.defaults());
        assertThat(out.items()).isEmpty();
        assertThat(out.report().of("ratings").skipped()).isEqualTo(Map.of(PreferencePairs.SKIP_IDENTICAL, 3));
    }

    @Test
    void comparisonsKeepTiesAndBothBadApart() {
        Comparison a = new Comparison("c1", Q, "good", "bad", Choice.A, 2.0, NONE);
        Comparison b = new Comparison("c2", Q, "bad", "good", Choice.B, null, NONE);
        Comparison tie = new Comparison("c3", Q, "p", "q", Choice.TIE, null, NONE);
        Comparison bothBad = new Comparison("c4", Q, "p", "q", Choice.BOTH_BAD, null, NONE);
        ComparisonPairs out = PreferencePairs.fromComparisons(List.of(a, b, tie, bothBad));
        assertThat(out.pairs()).containsExactly(new PreferencePair("c1", Q, "good", "bad", 2.0, "comparison"),
                new PreferencePair("c2", Q, "good", "bad", 0.0, "comparison"));
        assertThat(out.ties()).containsExactly(tie);
        assertThat(out.bothBad()).containsExactly(bothBad);
        assertThat(out.report().of("comparison")).extracting(SourceCounts::records, SourceCounts::pairs, SourceCounts::ties, SourceCounts::bothBad)
                .containsExactly(4, 2, 1, 1);
    }

    @Test
    void critiqueWithCorrectionPrefersTheCorrectionAndBecomesADemonstration() {
        Attribution who = Attribution.source("web");
        Critique fixed = new Critique("cr1", Q, "wrong", "says the wrong date", "right", who);
        Critique bare = new Critique("cr2", Q, "meh", "vague", null, NONE);
        Conversion<PreferencePair> pairs = PreferencePairs.fromCritiques(List.of(fixed, bare));
        assertThat(pairs.items()).containsExactly(new PreferencePair("cr1:corrected", Q, "right", "wrong", 0, "critique"));
        assertThat(pairs.report().of("critique").skipped()).isEqualTo(Map.of(PreferencePairs.SKIP_NO_CORRECTION, 1));

        Conversion<Demonstration> demos = PreferencePairs.demonstrationsFromCritiques(List.of(fixed, bare));
        assertThat(demos.items()).containsExactly(new Demonstration("cr1:corrected", Q, "right", who));
        assertThat(demos.report().of("critique")).extracting(SourceCounts::demonstrations, SourceCounts::skippedTotal).containsExactly(1, 1);
    }

    @Test
    void identicalResponsesAreCountedNotPaired() {
        Comparison same = new Comparison("c", Q, "x", "x", Choice.A, null, NONE);
        ComparisonPairs out = PreferencePairs.fromComparisons(List.of(same));
        assertThat(out.pairs()).isEmpty();
        assertThat(out.report().skipped()).isEqualTo(1);
    }

    @Test
    void allKindsAtOnceAddUpTheirReports() {
        List<Feedback> mixed = List.of(RANKING, new Comparison("c", Q, "p", "q", Choice.TIE, null, NONE),
                rating("r1", Q, "x", 5), rating("r2", Q, "y", 3), new Demonstration("d", Q, "r", NONE),
                new Critique("cr", Q, "wrong", "fix it", "right", NONE));
        Conversion<PreferencePair> out = PreferencePairs.fromAll(mixed, PairOptions.defaults());
        // 5 from the ranking, 1 from the ratings, 1 from the critique; the tie and the demonstration counted.
        assertThat(out.items()).hasSize(7);
        assertThat(out.report().pairs()).isEqualTo(7);
        assertThat(out.report().ties()).isEqualTo(2);
        assertThat(out.report().of("demonstration").skipped()).isEqualTo(Map.of(PreferencePairs.SKIP_NOT_A_PREFERENCE, 1));
        assertThat(out.report().toString()).contains("ranking: 1 records -> 5 pairs, 1 ties");
    }

    @Test
    void pairsAndOptionsRejectBadValues() {
        assertThatThrownBy(() -> new PreferencePair("p", Q, "a", "b", -1, "ratings")).hasMessageContaining("margin");
        assertThatThrownBy(() -> new PreferencePair("p", Q, "a", "b", Double.NaN, "ratings")).hasMessageContaining("margin");
        assertThatThrownBy(() -> PairOptions.defaults().withRatingMarginScale(-0.5)).hasMessageContaining("ratingMarginScale");
    }

    private static Rating rating(String id, Prompt prompt, String response, int stars) {
        return new Rating(id, prompt, response, stars, Map.of(), NONE);
    }
}
