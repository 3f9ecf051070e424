package org.rlhf4j.core.rl;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * PPO's clipped surrogate objective (Schulman et al. 2017, "Proximal Policy Optimization
 * Algorithms", https://arxiv.org/abs/1707.06347, eq. 7), as a loss to minimise:
 * <pre>
 *   ratio = exp(newLogProb - oldLogProb)
 *   loss  = -mean( min(A * ratio, A * clamp(ratio, 1 - clip, 1 + clip)) )
 * </pre>
 * with the two diagnostics SB3 logs beside it: the clip fraction, mean(|ratio - 1| > clip)
 * ({@code train/clip_fraction}), and the approximate KL, mean((ratio - 1) - log ratio), which is
 * {@link KlEstimators#k3 k3} with the old policy as the sampler ({@code train/approx_kl}).
 *
 * <p>The tensor form serves LM PPO, (B, T) with a response mask; the array form serves plain-Java
 * control PPO and also returns d(loss)/d(newLogProb) for a hand-written backward pass. Where the
 * two terms of the min are equal (the ratio inside the clip range), the gradient is that of the
 * unclipped term, as autograd gives.
 *
 * <p>A clip range of 0 is allowed (SB3's linear schedules reach it on the last update): the
 * ratio is clamped to exactly 1, so the clipped term is A and the min is A r where A r < A
 * (A > 0 and r < 1, or A < 0 and r > 1) and A elsewhere. The gradient is A r in the first case
 * and 0 in the second; at r = 1 the two terms tie and the gradient is A, as autograd gives. Every
 * sample with r != 1 counts as clipped, |r - 1| > 0, whichever term the min took.
 */
public final class ClippedSurrogate {
    private ClippedSurrogate() {}

    /** 0-dim tensors: {@code loss} carries the graph; the diagnostics are detached. */
    public record TensorTerms(Tensor loss, Tensor clipFraction, Tensor approxKl) {}

    /** The same numbers for arrays; {@code lossGradient[i]} = d(loss)/d(newLogProbs[i]). */
    public record ArrayTerms(double loss, double clipFraction, double approxKl, float[] lossGradient) {}

    /**
     * newLogProbs (...) with grad, oldLogProbs (...), advantages (...), mask (...) or null for a
     * plain mean; all the same shape, e.g. (B, T) for tokens or (N) for control samples.
     */
    public static TensorTerms compute(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask,
                                      double clipRange) {
        checkClipRange(clipRange);
        MaskedStats.checkSameShape("oldLogProbs", oldLogProbs, "newLogProbs", newLogProbs);
        MaskedStats.checkSameShape("advantages", advantages, "newLogProbs", newLogProbs);
        Tensor ratio = newLogProbs.sub(oldLogProbs).exp();
        Tensor unclipped = advantages.mul(ratio);
        Tensor clipped = advantages.mul(ratio.clamp_min(new Scalar(1 - clipRange)).clamp_max(new Scalar(1 + clipRange)));
        Tensor loss = MaskedStats.mean(unclipped.minimum(clipped), mask).neg();

        Tensor newDetached = newLogProbs.detach();
        Tensor outside = newDetached.sub(oldLogProbs).exp().sub(new Scalar(1.0)).abs().gt(new Scalar(clipRange));
        Tensor clipFraction = MaskedStats.mean(outside.to(torch.ScalarType.Float), mask);
        Tensor approxKl = MaskedStats.mean(KlEstimators.k3(oldLogProbs.detach(), newDetached), mask);
        return new TensorTerms(loss, clipFraction, approxKl);
    }

    /** One value per sample, (N) each; the mean runs over all N. */
    public static ArrayTerms compute(float[] newLogProbs, float[] oldLogProbs, float[] advantages, double clipRange) {
        checkClipRange(clipRange);
        int n = checkLengths(newLogProbs, oldLogProbs, advantages);
        double objective = 0, clipped = 0, kl = 0;
        float[] gradient = new float[n];
        for (int i = 0; i < n; i++) {
            double logRatio = (double) newLogProbs[i] - oldLogProbs[i];
            objective += term(logRatio, advantages[i], clipRange);
            gradient[i] = (float) (-termDerivative(logRatio, advantages[i], clipRange) / n);
            if (Math.abs(Math.exp(logRatio) - 1) > clipRange) clipped++;
            kl += KlEstimators.k3(oldLogProbs[i], newLogProbs[i]);
        }
        return new ArrayTerms(-objective / n, clipped / n, kl / n, gradient);
    }

    /** The loss alone in double, for checking {@link ArrayTerms#lossGradient} by finite differences. */
    static double loss(double[] newLogProbs, double[] oldLogProbs, double[] advantages, double clipRange) {
        double objective = 0;
        for (int i = 0; i < newLogProbs.length; i++) {
            objective += term(newLogProbs[i] - oldLogProbs[i], advantages[i], clipRange);
        }
        return -objective / newLogProbs.length;
    }

    /** min(A r, A clamp(r)) for one sample. */
    private static double term(double logRatio, double advantage, double clipRange) {
        double ratio = Math.exp(logRatio);
        double clampedRatio = Math.max(1 - clipRange, Math.min(1 + clipRange, ratio));
        return Math.min(advantage * ratio, advantage * clampedRatio);
    }

    /**
     * d/d(newLogProb) of {@link #term}: d(A r)/dlogp = A r. The clamped term has that derivative
     * inside [1 - clip, 1 + clip] and 0 outside; the min takes the derivative of the smaller term
     * (the average of both on a tie, as autograd does, which inside the range is A r again). The
     * range is closed, as torch's clamp passes the gradient at its bounds: with clip 0, r = 1 is
     * inside.
     */
    private static double termDerivative(double logRatio, double advantage, double clipRange) {
        double ratio = Math.exp(logRatio);
        boolean inside = ratio >= 1 - clipRange && ratio <= 1 + clipRange;
        double clampedRatio = Math.max(1 - clipRange, Math.min(1 + clipRange, ratio));
        double unclipped = advantage * ratio, clipped = advantage * clampedRatio;
        double dUnclipped = advantage * ratio, dClipped = inside ? advantage * ratio : 0;
        if (unclipped < clipped) return dUnclipped;
        if (clipped < unclipped) return dClipped;
        return 0.5 * (dUnclipped + dClipped);
    }

    private static void checkClipRange(double clipRange) {
        if (!(clipRange >= 0 && clipRange < 1)) {
            throw new IllegalArgumentException("clipRange must be in [0, 1), got " + clipRange);
        }
    }

    private static int checkLengths(float[] newLogProbs, float[] oldLogProbs, float[] advantages) {
        int n = newLogProbs.length;
        if (n == 0) throw new IllegalArgumentException("newLogProbs is empty; need at least one sample");
        if (oldLogProbs.length != n || advantages.length != n) {
            throw new IllegalArgumentException("newLogProbs, oldLogProbs and advantages must have equal lengths, got "
                    + n + ", " + oldLogProbs.length + " and " + advantages.length);
        }
        return n;
    }
}
