package org.rlhf4j.core.tensor;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Fused operations whose libtorch signatures take C++ optionals, in Java shapes. Each is one
 * native call: per-call overhead from Java is a few microseconds, so fusing matters for small
 * models and per-token decoding.
 */
public final class Ops {
    private Ops() {}

    /** {@code x @ weight^T}; x (..., in), weight (out, in) -> (..., out). */
    public static Tensor linear(Tensor x, Tensor weight) {
        return torch.linear(x, weight);
    }

    /** RMSNorm over the last dimension: {@code x / sqrt(mean(x^2) + eps) * weight}. */
    public static Tensor rmsNorm(Tensor x, Tensor weight, double eps) {
        return torch.rms_norm(x, new long[] {weight.size(0)}, new TensorOptional(weight), new DoubleOptional(eps));
    }

    /**
     * Scaled dot-product attention. q (B, Hq, Tq, D); k, v (B, Hkv, Tk, D) with Hq a multiple of
     * Hkv (grouped-query attention); mask, if not null, is boolean (B or 1, 1, Tq, Tk) with true
     * where attention is allowed. {@code causal} may be combined with no mask only.
     */
    public static Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        TensorOptional m = mask == null ? new TensorOptional() : new TensorOptional(mask);
        boolean gqa = q.size(1) != k.size(1);
        return torch.scaled_dot_product_attention(q, k, v, m, 0.0, causal, new DoubleOptional(), gqa);
    }

    public static Scalar scalar(double v) {
        return new Scalar(v);
    }

    /** True when every element of {@code t} is finite (one native reduction plus one read). */
    public static boolean allFinite(Tensor t) {
        return torch.isfinite(t).all().item().toBool();
    }
}
