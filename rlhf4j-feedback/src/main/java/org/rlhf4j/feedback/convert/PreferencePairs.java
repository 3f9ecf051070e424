package org.rlhf4j.feedback.convert;

import static org.rlhf4j.feedback.convert.PreferencePair.ORIGIN_COMPARISON;
import static org.rlhf4j.feedback.convert.PreferencePair.ORIGIN_CRITIQUE;
import static org.rlhf4j.feedback.convert.PreferencePair.ORIGIN_RANKING;
import static org.rlhf4j.feedback.convert.PreferencePair.ORIGIN_RATINGS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;

/**
 * Turns every kind of feedback into the preference pairs a reward model or DPO trains on. Pure
 * functions: nothing is dropped silently; what does not become a pair (ties, both-bad, critiques
 * without a correction, identical responses) is counted in the {@link ConversionReport}.
 */
public final class PreferencePairs {
    public static final String SKIP_IDENTICAL = "identical responses";
    public static final String SKIP_NO_CORRECTION = "no corrected response";
    public static final String SKIP_ONLY_RATING = "only rating of its prompt";
    public static final String SKIP_NOT_A_PREFERENCE = "not a preference";

    private PreferencePairs() {
    }

    /** Decisive comparisons as pairs with margin = strength (or 0); ties and both-bad returned apart. */
    public static ComparisonPairs fromComparisons(List<Comparison> comparisons) {
        List<PreferencePair> pairs = new ArrayList<>();
        List<Comparison> ties = new ArrayList<>();
        List<Comparison> bothBad = new ArrayList<>();
        ConversionReport.Tally tally = new ConversionReport.Tally();
        for (Comparison c : comparisons) {
            tally.record(ORIGIN_COMPARISON);
            if (c.choice() == Choice.TIE) {
                ties.add(c);
                tally.tie(ORIGIN_COMPARISON);
            } else if (c.choice() == Choice.BOTH_BAD) {
                bothBad.add(c);
                tally.bothBad(ORIGIN_COMPARISON);
            } else {
                double margin = c.strength() == null ? 0 : c.strength();
                addPair(pairs, tally, ORIGIN_COMPARISON, c.id(), c.prompt(), c.chosen(), c.rejected(), margin);
            }
        }
        return new ComparisonPairs(pairs, ties, bothBad, tally.report());
    }

    /**
     * All pairs of each ranking (InstructGPT): of K responses, every two with different ranks give
     * a pair, so K(K-1)/2 minus the tied ones, which are counted. Margin 0, or the rank difference.
     */
    public static Conversion<PreferencePair> fromRankings(List<Ranking> rankings, PairOptions options) {
        List<PreferencePair> pairs = new ArrayList<>();
        ConversionReport.Tally tally = new ConversionReport.Tally();
        for (Ranking r : rankings) {
            tally.record(ORIGIN_RANKING);
            for (int i = 0; i < r.responses().size(); i++) {
                for (int j = i + 1; j < r.responses().size(); j++) rankingPair(r, i, j, options, pairs, tally);
            }
        }
        return new Conversion<>(pairs, tally.report());
    }

    private static void rankingPair(Ranking r, int i, int j, PairOptions options, List<PreferencePair> pairs, ConversionReport.Tally tally) {
        int rankI = r.ranks().get(i), rankJ = r.ranks().get(j);
        if (rankI == rankJ) {
            tally.tie(ORIGIN_RANKING);
            return;
        }
        int better = rankI < rankJ ? i : j, worse = better == i ? j : i;
        double margin = options.rankMargins() ? Math.abs(rankI - rankJ) : 0;
        addPair(pairs, tally, ORIGIN_RANKING, r.id() + ":" + better + ">" + worse, r.prompt(), r.responses().get(better), r.responses().get(worse), margin);
    }

    /**
     * Ratings of the same prompt (equal {@link Prompt}s, first-seen order) as pairs: every two
     * responses with different stars give a pair with margin = star difference x scale; equal stars
     * are counted as ties. A prompt rated only once gives nothing and is counted.
     */
    public static Conversion<PreferencePair> fromRatings(List<Rating> ratings, PairOptions options) {
        Map<Prompt, List<Rating>> byPrompt = new LinkedHashMap<>();
        for (Rating r : ratings) byPrompt.computeIfAbsent(r.prompt(), p -> new ArrayList<>()).add(r);
        List<PreferencePair> pairs = new ArrayList<>();
        ConversionReport.Tally tally = new ConversionReport.Tally();
        for (List<Rating> group : byPrompt.values()) {
            group.forEach(r -> tally.record(ORIGIN_RATINGS));
            if (group.size() == 1) tally.skip(ORIGIN_RATINGS, SKIP_ONLY_RATING);
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) ratingPair(group.get(i), group.get(j), options, pairs, tally);
            }
        }
        return new Conversion<>(pairs, tally.report());
    }

    private static void ratingPair(Rating a, Rating b, PairOptions options, List<PreferencePair> pairs, ConversionReport.Tally tally) {
        if (a.stars() == b.stars()) {
            // Same text with the same stars is agreement, not a tie between two responses.
            if (a.response().equals(b.response())) tally.skip(ORIGIN_RATINGS, SKIP_IDENTICAL);
            else tally.tie(ORIGIN_RATINGS);
            return;
        }
        Rating better = a.stars() > b.stars() ? a : b, worse = better == a ? b : a;
        double margin = (better.stars() - worse.stars()) * options.ratingMarginScale();
        addPair(pairs, tally, ORIGIN_RATINGS, better.id() + ">" + worse.id(), a.prompt(), better.response(), worse.response(), margin);
    }

    /** A corrected critique as a pair, the correction preferred over the original (margin 0); without a correction, nothing (counted). */
    public static Conversion<PreferencePair> fromCritiques(List<Critique> critiques) {
        List<PreferencePair> pairs = new ArrayList<>();
        ConversionReport.Tally tally = new ConversionReport.Tally();
        for (Critique c : critiques) {
            tally.record(ORIGIN_CRITIQUE);
            if (!c.corrected()) tally.skip(ORIGIN_CRITIQUE, SKIP_NO_CORRECTION);
            else addPair(pairs, tally, ORIGIN_CRITIQUE, c.id() + ":corrected", c.prompt(), c.correctedResponse(), c.response(), 0);
        }
        return new Conversion<>(pairs, tally.report());
    }

    /** A corrected critique's correction as a demonstration for supervised fine-tuning (id {@code <critique id>:corrected}). */
    public static Conversion<Demonstration> demonstrationsFromCritiques(List<Critique> critiques) {
        List<Demonstration> demonstrations = new ArrayList<>();
        ConversionReport.Tally tally = new ConversionReport.Tally();
        for (Critique c : critiques) {
            tally.record(ORIGIN_CRITIQUE);
            if (!c.corrected()) {
                tally.skip(ORIGIN_CRITIQUE, SKIP_NO_CORRECTION);
                continue;
            }
            demonstrations.add(new Demonstration(c.id() + ":corrected", c.prompt(), c.correctedResponse(), c.attribution()));
            tally.demonstration(ORIGIN_CRITIQUE);
        }
        return new Conversion<>(demonstrations, tally.report());
    }

    /**
     * Every kind at once, for a reward model: comparisons (ties and both-bad counted), rankings,
     * ratings and critiques; demonstrations are counted as {@value #SKIP_NOT_A_PREFERENCE}.
     */
    public static Conversion<PreferencePair> fromAll(List<? extends Feedback> feedback, PairOptions options) {
        List<Comparison> comparisons = new ArrayList<>();
        List<Ranking> rankings = new ArrayList<>();
        List<Rating> ratings = new ArrayList<>();
        List<Critique> critiques = new ArrayList<>();
        ConversionReport.Tally others = new ConversionReport.Tally();
        for (Feedback f : feedback) {
            if (f instanceof Comparison c) comparisons.add(c);
            else if (f instanceof Ranking r) rankings.add(r);
            else if (f instanceof Rating r) ratings.add(r);
            else if (f instanceof Critique c) critiques.add(c);
            else {
                others.record(f.kind());
                others.skip(f.kind(), SKIP_NOT_A_PREFERENCE);
            }
        }
        List<Conversion<PreferencePair>> parts = List.of(fromComparisons(comparisons).asConversion(), fromRankings(rankings, options),
                fromRatings(ratings, options), fromCritiques(critiques));
        List<PreferencePair> pairs = new ArrayList<>();
        ConversionReport report = others.report();
        for (Conversion<PreferencePair> part : parts) {
            pairs.addAll(part.items());
            report = part.report().plus(report);
        }
        return new Conversion<>(pairs, report);
    }

    private static void addPair(List<PreferencePair> pairs, ConversionReport.Tally tally, String origin, String id, Prompt prompt,
                                String chosen, String rejected, double margin) {
        // A pair of one text with itself teaches nothing and would cancel out in the loss.
        if (chosen.equals(rejected)) {
            tally.skip(origin, SKIP_IDENTICAL);
            return;
        }
        pairs.add(new PreferencePair(id, prompt, chosen, rejected, margin, origin));
        tally.pair(origin);
    }
}
