package org.rlhf4j.align.online;

import java.util.Arrays;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * The critic-free trainers' forward pass: the policy's log-probs (the "old" ones of the ratio)
 * and the reference's on every response token, recomputed with the training forward pass in the
 * training precision over exactly the micro-batches the first update trains on, so the first
 * ratio is exactly 1; and the per-row arrays laid out again as a micro-batch's grid.
 *
 * @param policy    (B) rows of each row's response length
 * @param reference the same for the reference, or null when not asked for
 */
public record RolloutLogProbs(float[][] policy, float[][] reference) {
    /** One no-grad pass over {@code batch} in micro-batches of {@code microBatch} rows taken in {@code order}. */
    public static RolloutLogProbs of(PolicyModel policyModel, PolicyModel referenceModel, ResponseBatch batch, int[] order, int microBatch,
                                     double temperature, Precision precision) {
        int n = batch.batch();
        float[][] logp = new float[n][], ref = referenceModel == null ? null : new float[n][];
        ComputeDevice device = policyModel.device();
        for (int from = 0; from < n; from += microBatch) {
            int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + microBatch));
            ResponseBatch mb = batch.select(rows);
            try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard(); Precision.Region r = precision.enter(device)) {
                scatter(mb, rows, TensorData.toFloats(policyModel.forward(policyModel.model().fuse(), mb, temperature, false).logProbs()), logp);
                if (ref != null) scatter(mb, rows, TensorData.toFloats(referenceModel.forward(referenceModel.model().fuse(), mb, temperature, false).logProbs()), ref);
            }
        }
        return new RolloutLogProbs(logp, ref);
    }

    /** Copies a micro-batch's (b, R_mb) grid into per-row arrays of each row's response length. */
    private static void scatter(ResponseBatch mb, int[] rows, float[] grid, float[][] into) {
        for (int i = 0; i < rows.length; i++) {
            into[rows[i]] = Arrays.copyOfRange(grid, i * mb.responseLength(), i * mb.responseLength() + mb.responseLengths()[i]);
        }
    }

    /** Per-row arrays of {@code rows} laid out as the micro-batch's (b, R_mb) grid, zero-padded. */
    public static Tensor grid(ResponseBatch mb, int[] rows, float[][] perRow, ComputeDevice device) {
        float[] out = new float[mb.batch() * mb.responseLength()];
        for (int i = 0; i < rows.length; i++) System.arraycopy(perRow[rows[i]], 0, out, i * mb.responseLength(), perRow[rows[i]].length);
        return device.place(TensorData.floats(out, mb.batch(), mb.responseLength()));
    }

    /** One value per row of {@code rows}, (b). */
    public static Tensor perRow(int[] rows, float[] values, ComputeDevice device) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return device.place(TensorData.floats(out, rows.length));
    }
}
