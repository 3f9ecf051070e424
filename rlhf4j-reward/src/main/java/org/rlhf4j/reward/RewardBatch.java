package org.rlhf4j.reward;

import java.util.ArrayList;
import java.util.List;

/**
 * Several {@link RewardExample}s flattened for one forward pass: their sequences in order, and
 * their loss terms with indices into that list. Each term has one weight per head
 * ({@code weight[term * heads + h]}): an example's pairs share weight 1 / (its pair count), so a
 * ranking counts as much as a comparison (InstructGPT averages the K choose 2 pairs of a prompt),
 * and a head that does not see an example (a bootstrap ensemble) gives its terms weight 0.
 */
public record RewardBatch(List<int[]> sequences, int heads,
                          int[] pairBetter, int[] pairWorse, float[] pairMargin, float[] pairWeight,
                          int[] tieA, int[] tieB, float[] tieWeight,
                          int[] rated, int[] stars, float[] ratingWeight) {

    /** {@code headMasks.get(i)[h]} is 1 when head h trains on example i (null: every head sees everything). */
    public static RewardBatch of(List<RewardExample> examples, int heads, List<float[]> headMasks) {
        List<int[]> seqs = new ArrayList<>();
        Terms pairs = new Terms(heads), ties = new Terms(heads), ratings = new Terms(heads);
        for (int e = 0; e < examples.size(); e++) {
            RewardExample x = examples.get(e);
            int base = seqs.size();
            seqs.addAll(x.sequences());
            float[] mask = headMasks == null ? null : headMasks.get(e);
            for (int i = 0; i < x.pairs(); i++) pairs.add(base + x.pairBetter()[i], base + x.pairWorse()[i], x.pairMargin()[i], 1f / x.pairs(), mask);
            for (int i = 0; i < x.ties(); i++) ties.add(base + x.tieA()[i], base + x.tieB()[i], 0, 1f / x.ties(), mask);
            for (int i = 0; i < x.ratings(); i++) ratings.add(base + x.rated()[i], x.stars()[i], 0, 1f, mask);
        }
        return new RewardBatch(seqs, heads, pairs.a(), pairs.b(), pairs.value(), pairs.weight(), ties.a(), ties.b(), ties.weight(),
                ratings.a(), ratings.b(), ratings.weight());
    }

    public int pairs() {
        return pairBetter.length;
    }

    public int ties() {
        return tieA.length;
    }

    public int ratings() {
        return rated.length;
    }

    /** Growable term arrays. */
    private static final class Terms {
        private final int heads;
        private final List<int[]> ab = new ArrayList<>();
        private final List<Float> values = new ArrayList<>();
        private final List<float[]> weights = new ArrayList<>();

        Terms(int heads) {
            this.heads = heads;
        }

        void add(int a, int b, float value, float weight, float[] mask) {
            ab.add(new int[] {a, b});
            values.add(value);
            float[] w = new float[heads];
            for (int h = 0; h < heads; h++) w[h] = weight * (mask == null ? 1f : mask[h]);
            weights.add(w);
        }

        int[] a() {
            return ab.stream().mapToInt(x -> x[0]).toArray();
        }

        int[] b() {
            return ab.stream().mapToInt(x -> x[1]).toArray();
        }

        float[] value() {
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = values.get(i);
            return v;
        }

        float[] weight() {
            float[] w = new float[weights.size() * heads];
            for (int i = 0; i < weights.size(); i++) System.arraycopy(weights.get(i), 0, w, i * heads, heads);
            return w;
        }
    }
}
