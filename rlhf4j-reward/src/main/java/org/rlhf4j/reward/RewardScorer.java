package org.rlhf4j.reward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * Scores many sequences without gradients, in batches of similar length (sorted, so padding is
 * small); results come back in the input order as raw per-head scores.
 */
public final class RewardScorer {
    private final RewardModel model;
    private final Precision precision;
    private final int batchSize;

    public RewardScorer(RewardModel model, Precision precision, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        this.model = model;
        this.precision = precision;
        this.batchSize = batchSize;
    }

    /** Raw scores, {@code [sequence][head]}. */
    public float[][] score(List<int[]> sequences) {
        Integer[] order = new Integer[sequences.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> sequences.get(i).length));
        float[][] out = new float[sequences.size()][];
        int heads = model.heads();
        try (Scope fused = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            LlamaModel.FusedWeights w = model.backbone().fuse();
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                List<int[]> rows = new ArrayList<>();
                for (int i = from; i < to; i++) rows.add(sequences.get(order[i]));
                float[] flat;
                try (Scope s = Scope.open(); Precision.Region r = precision.enter(model.backbone().device())) {
                    flat = TensorData.toFloats(model.scores(w, Sequences.pad(rows, model.backbone().config().padTokenId())));
                }
                for (int i = from; i < to; i++) out[order[i]] = Arrays.copyOfRange(flat, (i - from) * heads, (i - from + 1) * heads);
            }
        }
        return out;
    }

    /** Mean over heads of each sequence's raw score. */
    public static double[] headMeans(float[][] scores) {
        double[] m = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            double s = 0;
            for (float v : scores[i]) s += v;
            m[i] = s / scores[i].length;
        }
        return m;
    }
}
