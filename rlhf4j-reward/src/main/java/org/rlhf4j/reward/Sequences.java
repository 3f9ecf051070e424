package org.rlhf4j.reward;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.TensorData;

/**
 * Token sequences padded on the right into one (B, T) batch. The reward head reads position
 * {@code length - 1} of each row, the response's closing EOS; with right padding plain causal
 * attention is exact for every real token, so no mask is needed.
 */
public record Sequences(int batch, int length, int[] ids, int[] lastIndex) {
    public static Sequences pad(List<int[]> rows, int padId) {
        int t = 1;
        for (int[] r : rows) t = Math.max(t, r.length);
        int[] ids = new int[rows.size() * t];
        int[] last = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            int[] r = rows.get(i);
            if (r.length == 0) throw new IllegalArgumentException("sequence " + i + " is empty");
            java.util.Arrays.fill(ids, i * t, (i + 1) * t, padId);
            System.arraycopy(r, 0, ids, i * t, r.length);
            last[i] = r.length - 1;
        }
        return new Sequences(rows.size(), t, ids, last);
    }

    /** Ids (B, T) int64 on {@code device}. */
    public Tensor idsTensor(ComputeDevice device) {
        return device.place(TensorData.ids(ids, batch, length));
    }

    /** Flat indices {@code b * T + lastIndex[b]} (B) int64, for picking each row's last hidden state. */
    public Tensor lastPositions(ComputeDevice device) {
        long[] flat = new long[batch];
        for (int i = 0; i < batch; i++) flat[i] = (long) i * length + lastIndex[i];
        return device.place(TensorData.longs(flat, batch));
    }

    public long tokens() {
        long n = 0;
        for (int l : lastIndex) n += l + 1;
        return n;
    }
}
