package org.rlhf4j.feedback.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;
import org.rlhf4j.feedback.stats.Agreement.Metric;
import org.rlhf4j.feedback.stats.FeedbackSummary.AgreementFigure;
import org.rlhf4j.feedback.stats.FeedbackSummary.AnnotatorCount;

/**
 * Statistics of a feedback stream, fed one record at a time; not thread-safe.
 *
 * <p>Memory: counts and two fixed {@link LengthHistogram}s (94 KB each) whatever the stream's
 * size, plus what agreement needs: per annotator a name and counts, per comparison or rating item
 * (judged by an annotator) a 64-bit {@link ItemKey} and one packed vote (about 70 bytes), more
 * only for items several annotators judged, and per ranking item the ranks each annotator gave.
 *
 * <p>Agreement items: a comparison's item is its prompt with the unordered pair of responses;
 * labels are mapped to a canonical order (the responses sorted as strings) so "A" means the same
 * response whichever way round an annotator saw the pair. Categories: first, second, tie, both bad.
 * A rating's item is prompt + response, its label the stars (ordinal). A ranking's item is the
 * prompt with the set of responses, its ranks reordered the same canonical way.
 */
public final class FeedbackStats {
    public static final int DEFAULT_TOP_ANNOTATORS = 10;
    /** The source or annotator name shown when a record gives none. */
    public static final String UNKNOWN = "(unknown)";
    static final int FIRST = 0, SECOND = 1, TIE = 2, BOTH_BAD = 3, COMPARISON_CATEGORIES = 4;

    private final int topAnnotators;
    private long records;
    private final Map<String, Long> byType = new TreeMap<>(), bySource = new TreeMap<>();
    private long comparisons, decisive, ties, bothBad;
    private long differingLength, longerChosen, equalLength;
    private final LengthHistogram promptLengths = new LengthHistogram(), responseLengths = new LengthHistogram();
    private final Map<String, Integer> annotatorIds = new HashMap<>();
    private final List<String> annotatorNames = new ArrayList<>();
    private final List<long[]> recordsPerAnnotator = new ArrayList<>();
    private long unattributed;
    private final Map<Integer, Long> comparisonJudgements = new HashMap<>();
    private final ItemVotes comparisonVotes = new ItemVotes(), ratingVotes = new ItemVotes();
    private final Map<Long, Map<Integer, double[]>> rankingsByItem = new HashMap<>();

    public FeedbackStats() {
        this(DEFAULT_TOP_ANNOTATORS);
    }

    /** @param topAnnotators how many annotators the summary lists by name, >= 1 */
    public FeedbackStats(int topAnnotators) {
        if (topAnnotators < 1) throw new IllegalArgumentException("topAnnotators must be >= 1, got " + topAnnotators);
        this.topAnnotators = topAnnotators;
    }

    public void add(Feedback feedback) {
        if (feedback == null) throw new IllegalArgumentException("feedback must not be null");
        records++;
        byType.merge(feedback.kind(), 1L, Long::sum);
        String source = feedback.attribution().source();
        bySource.merge(source == null ? UNKNOWN : source, 1L, Long::sum);
        promptLengths.add(feedback.prompt().length());
        int annotator = countAnnotator(feedback.attribution().annotator());
        if (feedback instanceof Comparison c) addComparison(c, annotator);
        else if (feedback instanceof Rating r) addRating(r, annotator);
        else if (feedback instanceof Ranking r) addRanking(r, annotator);
        else if (feedback instanceof Critique c) responseLengths.add(c.response().length());
        else if (feedback instanceof Demonstration d) responseLengths.add(d.response().length());
    }

    /** Adds every record of {@code stream}. */
    public void addAll(Iterable<? extends Feedback> stream) {
        for (Feedback f : stream) add(f);
    }

    /** The annotator's id, or -1 when the record names none. */
    private int countAnnotator(String name) {
        if (name == null) {
            unattributed++;
            return -1;
        }
        int id = annotatorIds.computeIfAbsent(name, n -> {
            annotatorNames.add(n);
            recordsPerAnnotator.add(new long[1]);
            return annotatorNames.size() - 1;
        });
        recordsPerAnnotator.get(id)[0]++;
        return id;
    }

    private void addComparison(Comparison c, int annotator) {
        int lengthA = c.responseA().length(), lengthB = c.responseB().length();
        responseLengths.add(lengthA);
        responseLengths.add(lengthB);
        comparisons++;
        switch (c.choice()) {
            case TIE -> ties++;
            case BOTH_BAD -> bothBad++;
            case A, B -> addDecisive(c, lengthA, lengthB);
        }
        if (annotator < 0) return;
        boolean aFirst = c.responseA().compareTo(c.responseB()) <= 0;
        long item = aFirst ? ItemKey.of(c.prompt(), c.responseA(), c.responseB()) : ItemKey.of(c.prompt(), c.responseB(), c.responseA());
        comparisonVotes.put(item, annotator, canonicalLabel(c, aFirst));
        comparisonJudgements.merge(annotator, 1L, Long::sum);
    }

    private void addDecisive(Comparison c, int lengthA, int lengthB) {
        decisive++;
        if (lengthA == lengthB) {
            equalLength++;
            return;
        }
        differingLength++;
        int chosen = c.chosen().length(), rejected = c.rejected().length();
        if (chosen > rejected) longerChosen++;
    }

    /** The choice with respect to the responses in canonical (sorted) order. */
    static int canonicalLabel(Comparison c, boolean aFirst) {
        return switch (c.choice()) {
            case A -> aFirst ? FIRST : SECOND;
            case B -> aFirst ? SECOND : FIRST;
            case TIE -> TIE;
            case BOTH_BAD -> BOTH_BAD;
        };
    }

    private void addRating(Rating r, int annotator) {
        responseLengths.add(r.response().length());
        if (annotator >= 0) ratingVotes.put(ItemKey.of(r.prompt(), r.response()), annotator, r.stars());
    }

    private void addRanking(Ranking r, int annotator) {
        for (String response : r.responses()) responseLengths.add(response.length());
        if (annotator < 0) return;
        Integer[] order = new Integer[r.responses().size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparing(r.responses()::get));
        String[] sorted = new String[order.length];
        double[] ranks = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = r.responses().get(order[i]);
            ranks[i] = r.ranks().get(order[i]);
        }
        rankingsByItem.computeIfAbsent(ItemKey.of(r.prompt(), sorted), k -> new HashMap<>(2)).put(annotator, ranks);
    }

    public FeedbackSummary summary() {
        return new FeedbackSummary(records, byType, bySource, new FeedbackSummary.ComparisonCounts(comparisons, decisive, ties, bothBad),
                promptLengths.stats(), responseLengths.stats(), new FeedbackSummary.LengthBias(decisive, differingLength, longerChosen, equalLength),
                annotators(), agreement());
    }

    private FeedbackSummary.Annotators annotators() {
        List<AnnotatorCount> all = new ArrayList<>(annotatorNames.size());
        for (int i = 0; i < annotatorNames.size(); i++) all.add(new AnnotatorCount(annotatorNames.get(i), recordsPerAnnotator.get(i)[0]));
        all.sort(Comparator.comparingLong(AnnotatorCount::records).reversed().thenComparing(AnnotatorCount::annotator));
        return new FeedbackSummary.Annotators(all.size(), unattributed, all.subList(0, Math.min(topAnnotators, all.size())));
    }

    private List<AgreementFigure> agreement() {
        return List.of(
                OverlapAgreement.cohen("comparisons: Cohen's kappa", comparisonVotes, annotatorNames, comparisonJudgements, COMPARISON_CATEGORIES),
                OverlapAgreement.fleiss("comparisons: Fleiss' kappa", comparisonVotes, COMPARISON_CATEGORIES),
                OverlapAgreement.krippendorff("comparisons: Krippendorff's alpha (nominal)", comparisonVotes, Metric.NOMINAL),
                OverlapAgreement.krippendorff("ratings: Krippendorff's alpha (ordinal)", ratingVotes, Metric.ORDINAL),
                OverlapAgreement.rankings("rankings: mean Kendall tau-b", rankingsByItem));
    }

    /** Readable multi-line text of a summary, for a terminal. */
    public static String format(FeedbackSummary summary) {
        return SummaryText.of(summary);
    }
}
