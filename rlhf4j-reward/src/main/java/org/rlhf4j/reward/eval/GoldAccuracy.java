package org.rlhf4j.reward.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.simulate.PromptResponse;
import org.rlhf4j.feedback.simulate.ScoreFunction;
import org.rlhf4j.reward.RewardExamples;
import org.rlhf4j.reward.RewardScorer;

/**
 * Agreement of a reward model with a known gold standard (the support world's satisfaction
 * score, 1-5) rather than with noisy labels: over the two responses of every comparison, the
 * share where the higher reward goes to the response with the higher gold score, by size of the
 * gold gap. Pairs with equal gold scores are left out.
 */
public final class GoldAccuracy {
    private GoldAccuracy() {}

    /** Accuracy over pairs whose gold gap is at least {@code minGap} (and below the next bucket's, for {@link Result#buckets}). */
    public record Bucket(double minGap, double maxGap, int pairs, double accuracy) {}

    public record Result(List<Bucket> buckets, int pairs, double accuracy, int pairsAtLeastOneStar, double accuracyAtLeastOneStar) {
        public String text() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "accuracy against the gold score: %.4f over %d pairs; %.4f over the %d pairs whose gold gap is >= 1 star%n",
                    accuracy, pairs, accuracyAtLeastOneStar, pairsAtLeastOneStar));
            for (Bucket b : buckets) s.append(String.format(Locale.ROOT, "  gold gap [%.2f, %s): %5d pairs  accuracy %.4f%n", b.minGap(),
                    Double.isInfinite(b.maxGap()) ? "inf" : String.format(Locale.ROOT, "%.2f", b.maxGap()), b.pairs(), b.accuracy()));
            return s.toString();
        }
    }

    private static final double[] EDGES = {0, 0.25, 0.5, 1.0, 2.0, Double.POSITIVE_INFINITY};

    public static Result measure(RewardScorer scorer, RewardExamples encoder, List<? extends Feedback> records, ScoreFunction<PromptResponse> gold) {
        List<int[]> sequences = new ArrayList<>();
        List<double[]> golds = new ArrayList<>();
        for (Feedback f : records) {
            if (!(f instanceof Comparison c)) continue;
            double ga = gold.utility(new PromptResponse(c.prompt(), c.responseA())), gb = gold.utility(new PromptResponse(c.prompt(), c.responseB()));
            if (ga == gb) continue;
            sequences.add(encoder.encode(c.prompt(), c.responseA()));
            sequences.add(encoder.encode(c.prompt(), c.responseB()));
            golds.add(new double[] {ga, gb});
        }
        double[] r = RewardScorer.headMeans(scorer.score(sequences));
        int[] n = new int[EDGES.length - 1];
        double[] correct = new double[EDGES.length - 1];
        int all = 0, big = 0;
        double allCorrect = 0, bigCorrect = 0;
        for (int i = 0; i < golds.size(); i++) {
            double gap = Math.abs(golds.get(i)[0] - golds.get(i)[1]);
            double d = (r[2 * i] - r[2 * i + 1]) * Math.signum(golds.get(i)[0] - golds.get(i)[1]);
            double c = d > 0 ? 1 : d == 0 ? 0.5 : 0;
            int b = 0;
            while (gap >= EDGES[b + 1]) b++;
            n[b]++;
            correct[b] += c;
            all++;
            allCorrect += c;
            if (gap >= 1) {
                big++;
                bigCorrect += c;
            }
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int b = 0; b < n.length; b++) buckets.add(new Bucket(EDGES[b], EDGES[b + 1], n[b], n[b] == 0 ? Double.NaN : correct[b] / n[b]));
        return new Result(buckets, all, all == 0 ? Double.NaN : allCorrect / all, big, big == 0 ? Double.NaN : bigCorrect / big);
    }
}
