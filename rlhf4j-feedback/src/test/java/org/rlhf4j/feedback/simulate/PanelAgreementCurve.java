package org.rlhf4j.feedback.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;

/**
 * Percentage agreement of a simulated support panel against its noise level: prints a Markdown
 * table for the docs. Agreement = over items and over pairs of annotators who both answered the
 * item, the share of pairs that made the same choice.
 */
public final class PanelAgreementCurve {
    static final double[] NOISE_LEVELS = {0.0, 0.1, 0.2, 0.4};
    static final int ANNOTATORS = 5, TICKETS = 400;
    static final long SEED = 20250101L;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private PanelAgreementCurve() {
    }

    public static void main(String[] args) {
        SupportScore scores = SupportScore.of(SupportWorld.seeded(7), Split.EVALUATION, 0, TICKETS);
        List<ComparisonTask> items = scores.loggedPairs();
        System.out.println("| noise level | temperature (x0.5-1.5) | mistakes | skips | pairwise agreement | comparisons |");
        System.out.println("|---|---|---|---|---|---|");
        for (double level : NOISE_LEVELS) {
            List<Comparison> all = Panel.support(scores, ANNOTATORS, level, SEED, CLOCK).compareAll(items);
            System.out.printf(Locale.ROOT, "| %.1f | %.2f | %.3f | %.3f | %.1f%% | %d |%n", level, level, level / 4, level / 4, 100 * agreement(all), all.size());
        }
        System.out.printf(Locale.ROOT, "%n%d annotators, %d tickets of the evaluation split (world seed 7), two logged replies each, panel seed %d.%n", ANNOTATORS, TICKETS, SEED);
    }

    static List<Double> curve(SupportScore scores, List<ComparisonTask> items) {
        List<Double> curve = new ArrayList<>();
        for (double level : NOISE_LEVELS) curve.add(agreement(Panel.support(scores, ANNOTATORS, level, SEED, CLOCK).compareAll(items)));
        return curve;
    }

    /** Share of agreeing (annotator, annotator) pairs over all pairs that judged the same item. */
    static double agreement(List<Comparison> comparisons) {
        Map<String, List<Comparison>> byItem = new LinkedHashMap<>();
        for (Comparison c : comparisons) byItem.computeIfAbsent(c.attribution().metadata().get(Panel.ITEM_KEY), k -> new ArrayList<>()).add(c);
        long pairs = 0, agreeing = 0;
        for (List<Comparison> judged : byItem.values()) {
            for (int i = 0; i < judged.size(); i++) {
                for (int j = i + 1; j < judged.size(); j++) {
                    pairs++;
                    agreeing += judged.get(i).choice() == judged.get(j).choice() ? 1 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : agreeing / (double) pairs;
    }
}
