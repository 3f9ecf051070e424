package org.rlhf4j.core.rl;

import java.util.Arrays;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.TensorData;

/**
 * Means, variances and whitening over the positions a mask selects, as TRL's {@code masked_mean},
 * {@code masked_var} and {@code masked_whiten} compute them; and SB3's per-minibatch advantage
 * normalisation over a plain array.
 *
 * <p>Tensor forms take {@code values} of any float dtype and a {@code mask} of the same shape
 * (bool, integer or 0/1 float; true or non-zero selects), or {@code null} to select everything.
 * Masked-out positions may hold anything, even infinities: they are filled with 0 before summing,
 * never multiplied. Results are new tensors in the caller's {@code Scope}.
 */
public final class MaskedStats {
    /** Added to the variance before the square root, as TRL's {@code masked_whiten}. */
    public static final double WHITEN_EPSILON = 1e-8;
    /** Added to the standard deviation, as SB3's {@code PPO.train}. */
    public static final double NORMALISE_EPSILON = 1e-8;

    private MaskedStats() {}

    /** sum(values over mask) / count(mask) -> 0-dim tensor; NaN when the mask selects nothing. */
    public static Tensor mean(Tensor values, Tensor mask) {
        if (mask == null) return values.mean();
        checkSameShape("mask", mask, "values", values);
        Tensor keep = mask.to(torch.ScalarType.Bool);
        return values.masked_fill(keep.logical_not(), new Scalar(0.0)).sum().div(keep.sum());
    }

    /**
     * Variance over the mask -> 0-dim tensor: the mean squared deviation from the masked mean,
     * times n / (n - 1) when {@code unbiased} (Bessel's correction, TRL's default). An unbiased
     * variance of fewer than 2 values is refused (this check reads the count back from the device).
     */
    public static Tensor variance(Tensor values, Tensor mask, boolean unbiased) {
        Tensor deviation = values.sub(mean(values, mask));
        Tensor squared = mean(deviation.square(), mask);
        if (!unbiased) return squared;
        long n = mask == null ? values.numel() : mask.to(torch.ScalarType.Bool).sum().item().toLong();
        if (n < 2) {
            throw new IllegalArgumentException("an unbiased variance needs at least 2 selected values, the mask selects " + n
                    + "; use a larger minibatch");
        }
        return squared.mul(new Scalar((double) n / (n - 1)));
    }

    /**
     * (values - mean) / sqrt(var + 1e-8) with the unbiased masked variance, as TRL's
     * {@code masked_whiten}. {@code shiftMean} true gives zero mean (TRL's advantages);
     * false adds the mean back, so only the scale changes (TRL's {@code whiten_rewards}).
     * Positions outside the mask are 0 in the result, as TRL fills them after whitening.
     */
    public static Tensor whiten(Tensor values, Tensor mask, boolean shiftMean) {
        Tensor mu = mean(values, mask);
        Tensor whitened = values.sub(mu).mul(variance(values, mask, true).add(new Scalar(WHITEN_EPSILON)).rsqrt());
        if (!shiftMean) whitened = whitened.add(mu);
        if (mask == null) return whitened;
        return whitened.masked_fill(mask.to(torch.ScalarType.Bool).logical_not(), new Scalar(0.0));
    }

    /**
     * SB3's advantage normalisation, (x - mean) / (std + 1e-8), with the unbiased standard
     * deviation that {@code torch.Tensor.std} uses. A single value is returned unchanged, as SB3
     * skips normalisation for a minibatch of one (its issue #325). Returns a new array.
     */
    public static float[] normalise(float[] values) {
        if (values.length < 2) return values.clone();
        double sum = 0;
        for (float v : values) sum += v;
        double mean = sum / values.length;
        double squares = 0;
        for (float v : values) squares += (v - mean) * (v - mean);
        double std = Math.sqrt(squares / (values.length - 1));
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) ((values[i] - mean) / (std + NORMALISE_EPSILON));
        return out;
    }

    /** Refuses tensors whose shapes differ, which broadcasting would otherwise accept silently. */
    static void checkSameShape(String name, Tensor t, String otherName, Tensor other) {
        if (!t.is_same_size(other)) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(TensorData.shape(t)) + " but "
                    + otherName + " has shape " + Arrays.toString(TensorData.shape(other)) + "; they must match");
        }
    }
}
