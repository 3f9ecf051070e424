package org.rlhf4j.lm.model;

import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * Rotary position embeddings in Hugging Face's half-split layout: for head dimension d and
 * i < d/2, the pair (x[i], x[i + d/2]) at position p is rotated by the angle
 * p * theta^(-2i/d). Applied as {@code x * cos + rotateHalf(x) * sin}, where
 * {@code rotateHalf(x) = [-x[d/2:], x[:d/2]]} is computed as one matmul with a fixed signed
 * permutation (fewer native calls than slicing and concatenating).
 *
 * <p>The tables cover the heads that rotate (queries and keys) and leave the value heads
 * unchanged (cos 1, sin 0), so a fused (B, T, Hq + 2 Hkv, d) projection is rotated in one pass.
 */
public final class RotaryEmbedding implements AutoCloseable {
    private final Tensor cos;     // (maxPositions, H * d): H = Hq + 2 Hkv
    private final Tensor sin;     // (maxPositions, H * d)
    private final Tensor rotate;  // (d, d): x @ rotate == rotateHalf(x)
    private final int heads;
    private final int headDim;

    public RotaryEmbedding(LlamaConfig c, ComputeDevice device) {
        this(c.maxPositionEmbeddings(), c.headDim(), c.ropeTheta(), c.numAttentionHeads() + c.numKeyValueHeads(), c.numKeyValueHeads(), device);
    }

    /** Tables for {@code rotatedHeads} heads that rotate followed by {@code plainHeads} that do not. */
    public RotaryEmbedding(int maxPositions, int headDim, double theta, int rotatedHeads, int plainHeads, ComputeDevice device) {
        this.heads = rotatedHeads + plainHeads;
        this.headDim = headDim;
        float[] c = new float[maxPositions * heads * headDim];
        float[] s = new float[c.length];
        int half = headDim / 2;
        for (int p = 0; p < maxPositions; p++) {
            for (int h = 0; h < heads; h++) {
                for (int j = 0; j < headDim; j++) {
                    int at = (p * heads + h) * headDim + j;
                    if (h >= rotatedHeads) {
                        c[at] = 1f;
                        continue;
                    }
                    int i = j % half;
                    double angle = p * Math.pow(theta, -2.0 * i / headDim);
                    c[at] = (float) Math.cos(angle);
                    s[at] = (float) Math.sin(angle);
                }
            }
        }
        float[] r = new float[headDim * headDim];
        for (int j = 0; j < half; j++) {
            r[(j + half) * headDim + j] = -1f; // out[j] = -x[j + d/2]
            r[j * headDim + j + half] = 1f;    // out[j + d/2] = x[j]
        }
        try (Scope scope = Scope.open()) {
            this.cos = Scope.keep(device.place(TensorData.floats(c, maxPositions, (long) heads * headDim)));
            this.sin = Scope.keep(device.place(TensorData.floats(s, maxPositions, (long) heads * headDim)));
            this.rotate = Scope.keep(device.place(TensorData.floats(r, headDim, headDim)));
        }
    }

    /** The cos and sin tables at given positions, looked up once per forward pass and shared by all layers. */
    public record At(Tensor cos, Tensor sin, long batch, long length) {}

    /** Looks up positions (B, T) (int64). */
    public At at(Tensor positions) {
        long b = positions.size(0), t = positions.size(1);
        Tensor flat = positions.reshape(-1);
        return new At(cos.index_select(0, flat).view(b, t, heads, headDim), sin.index_select(0, flat).view(b, t, heads, headDim), b, t);  // (B, T, H, d)
    }

    /** Rotates x (B, T, H, d) at positions (B, T) (int64). Returns a new tensor of the same shape. */
    public Tensor apply(Tensor x, Tensor positions) {
        return apply(x, at(positions));
    }

    /** Rotates x (B, T, H, d) with tables already looked up. */
    public Tensor apply(Tensor x, At at) {
        // A 2-D mm: matmul of a 4-D tensor by a matrix took 10x longer (batched broadcast path).
        Tensor rotated = x.reshape(-1, headDim).mm(rotate).view(at.batch(), at.length(), heads, headDim);
        return x.mul(at.cos()).add(rotated.mul(at.sin()));
    }

    Tensor cosTable() {
        return cos;
    }

    Tensor sinTable() {
        return sin;
    }

    Tensor rotation() {
        return rotate;
    }

    @Override
    public void close() {
        Scope.release(cos);
        Scope.release(sin);
        Scope.release(rotate);
    }
}
