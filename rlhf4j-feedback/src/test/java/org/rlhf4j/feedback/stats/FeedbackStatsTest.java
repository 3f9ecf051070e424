package org.rlhf4j.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;
import org.rlhf4j.feedback.stats.Agreement.Metric;
import org.rlhf4j.feedback.stats.FeedbackSummary.AgreementFigure;
import org.rlhf4j.feedback.stats.FeedbackSummary.AnnotatorCount;

class FeedbackStatsTest {
    private static int ids;

    private static Comparison cmp(String annotator, String prompt, String a, String b, Choice choice) {
        return new Comparison("c" + ids++, Prompt.of(prompt), a, b, choice, null, Attribution.of(annotator, null, "test"));
    }

    private static Rating rating(String annotator, String response, int stars) {
        return new Rating("r" + ids++, Prompt.of("rate"), response, stars, null, Attribution.of(annotator, null, "test"));
    }

    private static Ranking ranking(String annotator, String prompt, List<String> responses, List<Integer> ranks) {
        return new Ranking("k" + ids++, Prompt.of(prompt), responses, ranks, Attribution.of(annotator, null, "web"));
    }

    private static FeedbackSummary summarise(List<? extends Feedback> records) {
        FeedbackStats stats = new FeedbackStats();
        stats.addAll(records);
        return stats.summary();
    }

    private static AgreementFigure figure(FeedbackSummary s, String prefix) {
        return s.agreement().stream().filter(f -> f.statistic().startsWith(prefix)).findFirst().orElseThrow();
    }

    /**
     * Four decisive comparisons: longer chosen (5 vs 11 chars, B), longer chosen (10 vs 4, A),
     * shorter chosen (4 vs 8, A), equal lengths (4 vs 4); plus a tie and a both-bad.
     * Tie rate 1/6; longer chosen in 2 of 3 that differ; with the equal one as half: 2.5 / 4.
     */
    @Test
    void countsTieRateAndLengthBias() {
        List<Feedback> records = List.of(
                cmp("ann", "p1", "short", "much longer", Choice.B),
                cmp("ann", "p2", "longer one", "tiny", Choice.A),
                cmp("ann", "p3", "aaaa", "bbbbbbbb", Choice.A),
                cmp(null, "p4", "same", "diff", Choice.A),
                cmp(null, "p5", "x", "y", Choice.TIE),
                cmp(null, "p6", "x", "y", Choice.BOTH_BAD),
                rating("bea", "fine", 4),
                new Demonstration("d1", Prompt.of("hello"), "hi there", Attribution.source("web")));
        FeedbackSummary s = summarise(records);

        assertThat(s.records()).isEqualTo(8);
        assertThat(s.recordsByType()).containsOnly(entry("comparison", 6L), entry("rating", 1L), entry("demonstration", 1L));
        assertThat(s.recordsBySource()).containsOnly(entry("test", 7L), entry("web", 1L));
        assertThat(s.comparisons()).isEqualTo(new FeedbackSummary.ComparisonCounts(6, 4, 1, 1));
        assertThat(s.comparisons().tieRate()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(s.lengthBias()).isEqualTo(new FeedbackSummary.LengthBias(4, 3, 2, 1));
        assertThat(s.lengthBias().longerChosenRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.lengthBias().longerChosenRateTiesHalf()).isCloseTo(0.625, within(1e-12));
        // prompts: p1..p6 (2 chars each), "rate" (4), "hello" (5): mean 21/8, p90 = 8th of 8 = 5; responses: 12 of comparisons + "fine" + "hi there"
        assertThat(s.promptLengths()).isEqualTo(new LengthStats(8, 21.0 / 8, 2, 5, 2, 5, 5));
        assertThat(s.responseLengths().count()).isEqualTo(14);
        assertThat(s.responseLengths().max()).isEqualTo(11);
        assertThat(s.annotators().distinct()).isEqualTo(2);
        assertThat(s.annotators().unattributed()).isEqualTo(4);
        assertThat(s.annotators().top()).containsExactly(new AnnotatorCount("ann", 3), new AnnotatorCount("bea", 1));
    }

    /**
     * Six items (prompt "q"+i, responses "x"+i and "y"+i; canonical order x first). Bob saw items 0
     * and 4 the other way round (y as A). Canonical labels F(irst) S(econd) T(ie) B(oth bad):
     * alice F F S T F S; bob F S S T S B (item 0: B = x = F; item 4: A = y = S). Carol judged item 0: F.
     * Cohen (alice vs bob, 6 items): table F-F 1, F-S 2, S-S 1, T-T 1, S-B 1; p_o = 3/6,
     * p_e = (3*1 + 2*3 + 1*1 + 0*1) / 36 = 10/36, kappa = (18 - 10) / (36 - 10) = 4/13.
     * Fleiss over the five items with 2 annotators: P_i = 0, 1, 1, 0, 0, P = 0.4; totals F 2, S 5,
     * T 2, B 1 of 10, P_e = 0.34; kappa = 0.06 / 0.66 = 1/11.
     */
    @Test
    void comparisonAgreementMatchesThePureFunctions() {
        Choice[] alice = {Choice.A, Choice.A, Choice.B, Choice.TIE, Choice.A, Choice.B};
        Choice[] bob = {Choice.B, Choice.B, Choice.B, Choice.TIE, Choice.A, Choice.BOTH_BAD};
        List<Feedback> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(cmp("alice", "q" + i, "x" + i, "y" + i, alice[i]));
            boolean swapped = i == 0 || i == 4;
            records.add(cmp("bob", "q" + i, swapped ? "y" + i : "x" + i, swapped ? "x" + i : "y" + i, bob[i]));
        }
        records.add(cmp("carol", "q0", "x0", "y0", Choice.A));
        FeedbackSummary s = summarise(records);

        long[][] table = new long[4][4];
        table[0][0] = 1;
        table[0][1] = 2;
        table[1][1] = 1;
        table[2][2] = 1;
        table[1][3] = 1;
        AgreementFigure cohen = figure(s, "comparisons: Cohen");
        assertThat(cohen.over()).isEqualTo("alice vs bob");
        assertThat(cohen.items()).isEqualTo(6);
        assertThat(cohen.value()).isCloseTo(Agreement.cohensKappa(table), within(1e-12)).isCloseTo(4.0 / 13, within(1e-12));

        AgreementFigure fleiss = figure(s, "comparisons: Fleiss");
        assertThat(fleiss.items()).isEqualTo(5);
        assertThat(fleiss.value()).isCloseTo(1.0 / 11, within(1e-12));

        List<double[]> units = List.of(new double[] {0, 0, 0}, new double[] {0, 1}, new double[] {1, 1}, new double[] {2, 2}, new double[] {0, 1}, new double[] {1, 3});
        AgreementFigure alpha = figure(s, "comparisons: Krippendorff");
        assertThat(alpha.items()).isEqualTo(6);
        assertThat(alpha.annotators()).isEqualTo(3);
        assertThat(alpha.value()).isCloseTo(Agreement.krippendorffAlphaByUnit(units, Metric.NOMINAL), within(1e-12));
    }

    /** Ratings (alice, bob) on three responses: (5, 5), (3, 4), (1, 1); a fourth only alice rated is not pairable. */
    @Test
    void ratingAgreementIsOrdinalAlpha() {
        FeedbackSummary s = summarise(List.of(
                rating("alice", "one", 5), rating("bob", "one", 5),
                rating("alice", "two", 3), rating("bob", "two", 4),
                rating("alice", "three", 1), rating("bob", "three", 1),
                rating("alice", "four", 2)));
        AgreementFigure alpha = figure(s, "ratings:");
        assertThat(alpha.items()).isEqualTo(3);
        double expected = Agreement.krippendorffAlpha(new double[][] {{5, 3, 1}, {5, 4, 1}}, Metric.ORDINAL);
        assertThat(alpha.value()).isCloseTo(expected, within(1e-12));
    }

    /**
     * Item 1: alice ranks a, b, c as 1, 2, 3; bob lists c, a, b with ranks 3, 1, 2 (the same order): tau 1.
     * Item 2: alice 1, 2, 3; bob swaps the last two: one discordant pair of 3, tau 1/3. Mean 2/3.
     */
    @Test
    void rankingAgreementIsMeanTauOverItems() {
        FeedbackSummary s = summarise(List.of(
                ranking("alice", "r1", List.of("a", "b", "c"), List.of(1, 2, 3)),
                ranking("bob", "r1", List.of("c", "a", "b"), List.of(3, 1, 2)),
                ranking("alice", "r2", List.of("a", "b", "c"), List.of(1, 2, 3)),
                ranking("bob", "r2", List.of("a", "b", "c"), List.of(1, 3, 2)),
                ranking("bob", "r3", List.of("a", "b"), List.of(1, 2))));
        AgreementFigure tau = figure(s, "rankings:");
        assertThat(tau.items()).isEqualTo(2);
        assertThat(tau.value()).isCloseTo(2.0 / 3, within(1e-12));
    }

    /** An annotator judging an item twice counts once, with the latest label. */
    @Test
    void repeatedJudgementReplacesTheEarlierOne() {
        FeedbackSummary s = summarise(List.of(
                cmp("alice", "q", "x", "y", Choice.B), cmp("alice", "q", "x", "y", Choice.A), cmp("bob", "q", "y", "x", Choice.B),
                cmp("alice", "w", "x", "y", Choice.TIE), cmp("bob", "w", "x", "y", Choice.A)));
        AgreementFigure cohen = figure(s, "comparisons: Cohen");
        assertThat(cohen.items()).isEqualTo(2);
        // table F-F 1, T-F 1: p_o = 1/2, p_e = (1*2)/4 = 1/2 -> kappa 0
        assertThat(cohen.value()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void noOverlapIsReportedNotThrown() {
        FeedbackSummary s = summarise(List.of(cmp("alice", "q", "x", "y", Choice.A), cmp("bob", "w", "x", "y", Choice.A), rating(null, "r", 3)));
        assertThat(s.agreement()).allSatisfy(f -> assertThat(f.available()).isFalse());
        assertThat(figure(s, "comparisons: Cohen").absentReason()).isEqualTo("no items judged by both alice vs bob");
        assertThat(figure(s, "comparisons: Krippendorff").absentReason()).isEqualTo("no overlapping items");
        String text = FeedbackStats.format(s);
        assertThat(text).contains("n/a (no overlapping items)").contains("Comparisons: 2");
    }

    /** All judgements in one category: the statistic is undefined (NaN) and the text says so. */
    @Test
    void unanimousAgreementIsUndefinedNotAnError() {
        FeedbackSummary s = summarise(List.of(cmp("alice", "q", "x", "y", Choice.A), cmp("bob", "q", "x", "y", Choice.A)));
        assertThat(figure(s, "comparisons: Cohen").value()).isNaN();
        assertThat(FeedbackStats.format(s)).contains("undefined (all judgements in one category)");
    }

    @Test
    void emptyStatsFormat() {
        FeedbackSummary s = new FeedbackStats().summary();
        assertThat(s.records()).isZero();
        assertThat(s.promptLengths()).isEqualTo(LengthStats.EMPTY);
        String text = FeedbackStats.format(s);
        assertThat(text).contains("Feedback: 0 records").contains("Comparisons: none").contains("fewer than 2 annotators");
    }

    @Test
    void formatShowsTheFigures() {
        FeedbackSummary s = summarise(List.of(cmp("alice", "q", "short", "much longer", Choice.B), cmp("bob", "q", "short", "much longer", Choice.TIE)));
        String text = FeedbackStats.format(s);
        assertThat(text).contains("tie 1 = 50.0%").contains("longer response chosen in 100.0% of 1").contains("alice").contains("prompts");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new FeedbackStats(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topAnnotators");
        assertThatThrownBy(() -> new FeedbackStats().add(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.Map.Entry<String, Long> entry(String k, long v) {
        return java.util.Map.entry(k, v);
    }
}
