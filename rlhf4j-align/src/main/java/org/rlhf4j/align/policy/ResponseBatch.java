package org.rlhf4j.align.policy;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.TensorData;

/**
 * Queries and their responses as one right-padded (B, T) batch of {@code query + response} rows,
 * and the (B, R) grid of response tokens (R = the longest response) that log-probabilities,
 * values and KL are read on. Response token j of row i sits at {@code q_i + j}; the logits that
 * predict it, and the value of the state before it (TRL's convention), sit one position earlier.
 * With right padding, plain causal attention is exact for every real token, so no mask is needed
 * and rotary positions run 0, 1, ... from the row's start.
 *
 * @param ids             (B, T) row-major ids, padded with {@code padId}
 * @param queryLengths    (B) tokens of each query (at least 1: BOS)
 * @param responseLengths (B) tokens of each response (at least 1)
 * @param padId           the id padding positions hold
 */
public record ResponseBatch(int batch, int length, int responseLength, int[] ids, int[] queryLengths, int[] responseLengths, int padId) {
    public static ResponseBatch of(List<int[]> queries, List<int[]> responses, int padId) {
        if (queries.size() != responses.size()) throw new IllegalArgumentException("got " + queries.size() + " queries but " + responses.size() + " responses");
        if (queries.isEmpty()) throw new IllegalArgumentException("no sequences");
        int b = queries.size(), t = 0, r = 0;
        int[] q = new int[b], n = new int[b];
        for (int i = 0; i < b; i++) {
            q[i] = queries.get(i).length;
            n[i] = responses.get(i).length;
            if (q[i] < 1) throw new IllegalArgumentException("query " + i + " is empty; start it with at least one token (BOS)");
            if (n[i] < 1) throw new IllegalArgumentException("response " + i + " is empty; a response has at least one token (e.g. EOS)");
            t = Math.max(t, q[i] + n[i]);
            r = Math.max(r, n[i]);
        }
        int[] ids = new int[b * t];
        java.util.Arrays.fill(ids, padId);
        for (int i = 0; i < b; i++) {
            System.arraycopy(queries.get(i), 0, ids, i * t, q[i]);
            System.arraycopy(responses.get(i), 0, ids, i * t + q[i], n[i]);
        }
        return new ResponseBatch(b, t, r, ids, q, n, padId);
    }

    /** The rows {@code rows} of this batch, re-padded to their own longest row. */
    public ResponseBatch select(int[] rows) {
        List<int[]> qs = new java.util.ArrayList<>(rows.length), rs = new java.util.ArrayList<>(rows.length);
        for (int row : rows) {
            qs.add(java.util.Arrays.copyOfRange(ids, row * length, row * length + queryLengths[row]));
            rs.add(java.util.Arrays.copyOfRange(ids, row * length + queryLengths[row], row * length + queryLengths[row] + responseLengths[row]));
        }
        return of(qs, rs, padId);
    }

    /** Response ids of row {@code i}. */
    public int[] response(int i) {
        return java.util.Arrays.copyOfRange(ids, i * length + queryLengths[i], i * length + queryLengths[i] + responseLengths[i]);
    }

    /** (B, R) row-major: true on response tokens. */
    public boolean[] mask() {
        boolean[] m = new boolean[batch * responseLength];
        for (int i = 0; i < batch; i++) java.util.Arrays.fill(m, i * responseLength, i * responseLength + responseLengths[i], true);
        return m;
    }

    public Tensor idsTensor(ComputeDevice device) {
        return device.place(TensorData.ids(ids, batch, length));
    }

    public Tensor positions(ComputeDevice device) {
        return device.place(torch.arange(new Scalar(length)).unsqueeze(0).expand(batch, length));
    }

    /** (B * R) flat indices into (B * T) of the positions whose outputs predict each response token; padding points at its row's first. */
    public Tensor predictingPositions(ComputeDevice device) {
        long[] flat = new long[batch * responseLength];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < responseLength; j++) {
                flat[i * responseLength + j] = (long) i * length + (j < responseLengths[i] ? queryLengths[i] - 1 + j : 0);
            }
        }
        return device.place(TensorData.longs(flat, flat.length));
    }

    /** (B * R) response token ids, 0 on padding. */
    public Tensor targets(ComputeDevice device) {
        long[] t = new long[batch * responseLength];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < responseLengths[i]; j++) t[i * responseLength + j] = ids[i * length + queryLengths[i] + j];
        }
        return device.place(TensorData.longs(t, t.length));
    }

    /** (B, R) float mask, 1 on response tokens. */
    public Tensor maskTensor(ComputeDevice device) {
        float[] m = new float[batch * responseLength];
        boolean[] b = mask();
        for (int i = 0; i < m.length; i++) m[i] = b[i] ? 1f : 0f;
        return device.place(TensorData.floats(m, batch, responseLength));
    }
}
