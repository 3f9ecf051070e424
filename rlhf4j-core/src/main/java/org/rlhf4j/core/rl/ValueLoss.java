package org.rlhf4j.core.rl;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The critic's loss: the mean squared error between predicted values and returns, optionally
 * clipped around the values recorded at rollout time.
 *
 * <p>Convention: a plain mean of squared errors, <b>without a factor 1/2</b>, as SB3's
 * {@code F.mse_loss(returns, values_pred)}. cleanrl and TRL put a 0.5 in front; to reproduce
 * their numbers, halve the value-loss coefficient (TRL's {@code vf_coef} 0.1 becomes 0.05 here).
 *
 * <p>Two clipping conventions are in use, and they train differently:
 * <ul>
 * <li>{@link Clipping#PREDICTION}: SB3's {@code clip_range_vf}. The prediction is replaced by
 *     {@code old + clamp(pred - old, -clip, clip)} and the loss is the MSE of that, so a
 *     prediction outside the band gets no gradient at all.
 * <li>{@link Clipping#PESSIMISTIC_MAX}: OpenAI baselines' ppo2, cleanrl ({@code clip_vloss}) and
 *     TRL ({@code cliprange_value}). Per sample, the larger of the unclipped and clipped squared
 *     errors, so moving towards the return is always allowed.
 * </ul>
 * The clip fraction is mean(|pred - old| > clip) in both, 0 with {@link Clipping#NONE}. A clip
 * range of 0 (where a linear schedule ends) pins the clipped prediction to the old value: it gets
 * a gradient only where the prediction equals the old value, as torch's {@code clamp} gives.
 */
public final class ValueLoss {
    private ValueLoss() {}

    public enum Clipping {
        /** Plain MSE; old values and the clip range are not used. */
        NONE,
        /** SB3: MSE of the prediction clamped to old +- clip. */
        PREDICTION,
        /** ppo2 / cleanrl / TRL: max(unclipped, clipped) squared error per sample. */
        PESSIMISTIC_MAX
    }

    /** 0-dim tensors: {@code loss} carries the graph; {@code clipFraction} is detached. */
    public record TensorTerms(Tensor loss, Tensor clipFraction) {}

    /** The same numbers for arrays; {@code lossGradient[i]} = d(loss)/d(predicted[i]). */
    public record ArrayTerms(double loss, double clipFraction, float[] lossGradient) {}

    /**
     * predicted (...) with grad, oldValues (...) (may be null with {@link Clipping#NONE}),
     * returns (...), mask (...) or null for a plain mean; e.g. (B, T) for tokens, (N) for control.
     */
    public static TensorTerms compute(Tensor predicted, Tensor oldValues, Tensor returns, Tensor mask,
                                      Clipping clipping, double clipRange) {
        checkClipping(clipping, clipRange, oldValues == null);
        MaskedStats.checkSameShape("returns", returns, "predicted", predicted);
        Tensor unclippedError = predicted.sub(returns).square();
        if (clipping == Clipping.NONE) {
            Tensor loss = MaskedStats.mean(unclippedError, mask);
            return new TensorTerms(loss, torch.zeros_like(loss.detach()));
        }
        MaskedStats.checkSameShape("oldValues", oldValues, "predicted", predicted);
        Tensor step = predicted.sub(oldValues);
        Tensor clippedPrediction = oldValues.add(step.clamp_min(new Scalar(-clipRange)).clamp_max(new Scalar(clipRange)));
        Tensor clippedError = clippedPrediction.sub(returns).square();
        Tensor perSample = clipping == Clipping.PREDICTION ? clippedError : unclippedError.maximum(clippedError);
        Tensor outside = step.detach().abs().gt(new Scalar(clipRange)).to(torch.ScalarType.Float);
        return new TensorTerms(MaskedStats.mean(perSample, mask), MaskedStats.mean(outside, mask));
    }

    /** One value per sample, (N) each; oldValues may be null with {@link Clipping#NONE}. */
    public static ArrayTerms compute(float[] predicted, float[] oldValues, float[] returns, Clipping clipping,
                                     double clipRange) {
        checkClipping(clipping, clipRange, oldValues == null);
        int n = predicted.length;
        if (n == 0) throw new IllegalArgumentException("predicted is empty; need at least one sample");
        if (returns.length != n || (oldValues != null && oldValues.length != n)) {
            throw new IllegalArgumentException("predicted, oldValues and returns must have equal lengths, got " + n + ", "
                    + (oldValues == null ? "null" : oldValues.length) + " and " + returns.length);
        }
        double sum = 0, clipped = 0;
        float[] gradient = new float[n];
        for (int i = 0; i < n; i++) {
            double old = oldValues == null ? 0 : oldValues[i];
            sum += term(predicted[i], old, returns[i], clipping, clipRange);
            gradient[i] = (float) (termDerivative(predicted[i], old, returns[i], clipping, clipRange) / n);
            if (clipping != Clipping.NONE && Math.abs((double) predicted[i] - old) > clipRange) clipped++;
        }
        return new ArrayTerms(sum / n, clipped / n, gradient);
    }

    /** The loss alone in double, for checking {@link ArrayTerms#lossGradient} by finite differences. */
    static double loss(double[] predicted, double[] oldValues, double[] returns, Clipping clipping, double clipRange) {
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) sum += term(predicted[i], oldValues[i], returns[i], clipping, clipRange);
        return sum / predicted.length;
    }

    private static double term(double predicted, double old, double target, Clipping clipping, double clipRange) {
        double unclipped = square(predicted - target);
        switch (clipping) {
            case NONE:
                return unclipped;
            case PREDICTION:
                return square(clip(predicted, old, clipRange) - target);
            case PESSIMISTIC_MAX:
                return Math.max(unclipped, square(clip(predicted, old, clipRange) - target));
            default:
                throw new IllegalStateException("unknown clipping " + clipping);
        }
    }

    /**
     * d/d(predicted) of {@link #term}: 2 (pred - R) unclipped; 2 (clipped - R) for the clipped
     * error inside the band and 0 outside it; the max takes the larger term's derivative (the
     * average of both on a tie, as autograd does).
     */
    private static double termDerivative(double predicted, double old, double target, Clipping clipping, double clipRange) {
        double dUnclipped = 2 * (predicted - target);
        if (clipping == Clipping.NONE) return dUnclipped;
        double clippedPrediction = clip(predicted, old, clipRange);
        boolean inside = Math.abs(predicted - old) <= clipRange;
        double dClipped = inside ? 2 * (clippedPrediction - target) : 0;
        if (clipping == Clipping.PREDICTION) return dClipped;
        double unclipped = square(predicted - target), clipped = square(clippedPrediction - target);
        if (unclipped > clipped) return dUnclipped;
        if (clipped > unclipped) return dClipped;
        return 0.5 * (dUnclipped + dClipped);
    }

    private static double clip(double predicted, double old, double clipRange) {
        return old + Math.max(-clipRange, Math.min(clipRange, predicted - old));
    }

    private static double square(double x) {
        return x * x;
    }

    private static void checkClipping(Clipping clipping, double clipRange, boolean noOldValues) {
        if (clipping == null) throw new IllegalArgumentException("clipping is null; use Clipping.NONE for plain MSE");
        if (clipping == Clipping.NONE) return;
        if (!(clipRange >= 0) || Double.isInfinite(clipRange)) {
            throw new IllegalArgumentException("clipRange must be >= 0 and finite with clipping " + clipping + ", got " + clipRange);
        }
        if (noOldValues) throw new IllegalArgumentException("oldValues is null but clipping " + clipping + " needs them");
    }
}
