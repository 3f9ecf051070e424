package org.rlhf4j.feedback.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rlhf4j.feedback.stats.Agreement.Metric;
import org.rlhf4j.feedback.stats.FeedbackSummary.AgreementFigure;

/** Agreement figures over the items several annotators judged, built from {@link ItemVotes} with {@link Agreement}. */
final class OverlapAgreement {
    static final String NO_OVERLAP = "no overlapping items";

    private OverlapAgreement() {
    }

    /** Cohen's kappa for the two annotators with the most judgements, on the items both judged. */
    static AgreementFigure cohen(String statistic, ItemVotes votes, List<String> names, Map<Integer, Long> judgements, int categories) {
        if (judgements.size() < 2) return AgreementFigure.absent(statistic, "fewer than 2 annotators (" + judgements.size() + ")");
        List<Integer> top = judgements.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(e -> names.get(e.getKey())))
                .limit(2).map(Map.Entry::getKey).toList();
        int first = top.get(0), second = top.get(1);
        long[][] table = new long[categories][categories];
        long[] shared = {0};
        votes.forEachOverlapping(item -> {
            int a = item.labelOf(first), b = item.labelOf(second);
            if (a >= 0 && b >= 0) {
                table[a][b]++;
                shared[0]++;
            }
        });
        String over = names.get(first) + " vs " + names.get(second);
        if (shared[0] == 0) return AgreementFigure.absent(statistic, "no items judged by both " + over);
        return new AgreementFigure(statistic, over, Agreement.cohensKappa(table), shared[0], 2, null);
    }

    /** Fleiss' kappa over the items judged by the most common number m >= 2 of annotators (the larger m on a tie). */
    static AgreementFigure fleiss(String statistic, ItemVotes votes, int categories) {
        TreeMap<Integer, Long> itemsByRaters = new TreeMap<>();
        votes.forEachOverlapping(item -> itemsByRaters.merge(item.size(), 1L, Long::sum));
        if (itemsByRaters.isEmpty()) return AgreementFigure.absent(statistic, NO_OVERLAP);
        int raters = itemsByRaters.descendingMap().entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue)).orElseThrow().getKey();
        List<long[]> rows = new ArrayList<>();
        Set<Integer> annotators = new HashSet<>();
        votes.forEachOverlapping(item -> {
            if (item.size() != raters) return;
            long[] row = new long[categories];
            for (int label : item.labels()) row[label]++;
            rows.add(row);
            for (int a : item.annotators()) annotators.add(a);
        });
        double kappa = Agreement.fleissKappa(rows.toArray(long[][]::new));
        return new AgreementFigure(statistic, raters + " annotators per item", kappa, rows.size(), annotators.size(), null);
    }

    /** Krippendorff's alpha over every item judged by 2 or more annotators. */
    static AgreementFigure krippendorff(String statistic, ItemVotes votes, Metric metric) {
        List<double[]> units = new ArrayList<>();
        Set<Integer> annotators = new HashSet<>();
        votes.forEachOverlapping(item -> {
            units.add(Arrays.stream(item.labels()).asDoubleStream().toArray());
            for (int a : item.annotators()) annotators.add(a);
        });
        if (units.isEmpty()) return AgreementFigure.absent(statistic, NO_OVERLAP);
        double alpha = Agreement.krippendorffAlphaByUnit(units, metric);
        return new AgreementFigure(statistic, "all overlapping items", alpha, units.size(), annotators.size(), null);
    }

    /** The mean over items of each item's mean pairwise Kendall tau-b; items whose tau is undefined are left out. */
    static AgreementFigure rankings(String statistic, Map<Long, Map<Integer, double[]>> rankingsByItem) {
        double sum = 0;
        long items = 0, overlapping = 0;
        Set<Integer> annotators = new HashSet<>();
        for (Map<Integer, double[]> byAnnotator : rankingsByItem.values()) {
            if (byAnnotator.size() < 2) continue;
            overlapping++;
            double tau = Agreement.meanPairwiseTau(byAnnotator.values().toArray(double[][]::new));
            if (Double.isNaN(tau)) continue;
            sum += tau;
            items++;
            annotators.addAll(byAnnotator.keySet());
        }
        if (overlapping == 0) return AgreementFigure.absent(statistic, NO_OVERLAP);
        if (items == 0) return new AgreementFigure(statistic, "items ranked by 2 or more", Double.NaN, overlapping, 0, null);
        return new AgreementFigure(statistic, "items ranked by 2 or more", sum / items, items, annotators.size(), null);
    }
}
