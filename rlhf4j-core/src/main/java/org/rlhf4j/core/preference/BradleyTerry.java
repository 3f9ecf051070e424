package org.rlhf4j.core.preference;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The Bradley-Terry model: the probability that response a is preferred to b is
 * {@code sigmoid(r_a - r_b)}. Training maximises it for the chosen response:
 * <pre>
 *   pair loss  = -log sigmoid(r_chosen - r_rejected - margin)
 *   tie loss   = -(1/2) log sigmoid(d) - (1/2) log sigmoid(-d),  d = r_a - r_b
 * </pre>
 * The margin (Llama 2) asks for a larger gap where people said "much better". A tie is the
 * cross-entropy against the target probability 1/2: it pulls the two rewards together instead of
 * counting as a win for either; its minimum, log 2 at d = 0, is subtracted so a perfect fit scores 0.
 * All losses use {@code log sigmoid(x) = -softplus(-x)}, finite for any finite input.
 */
public final class BradleyTerry {
    private static final double LOG_2 = Math.log(2);

    private BradleyTerry() {}

    /** P(a preferred to b) for rewards {@code ra}, {@code rb}. */
    public static double probability(double ra, double rb) {
        double d = ra - rb;
        return d >= 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
    }

    /** {@code -log sigmoid(chosen - rejected - margin)} for one pair. */
    public static double pairLoss(double chosen, double rejected, double margin) {
        return softplus(-(chosen - rejected - margin));
    }

    /** {@code -(log sigmoid(d) + log sigmoid(-d)) / 2 - log 2} for one tie, d = a - b; 0 at d = 0. */
    public static double tieLoss(double a, double b) {
        double d = a - b;
        return 0.5 * (softplus(-d) + softplus(d)) - LOG_2;
    }

    /** Elementwise pair losses (N): chosen, rejected, margin (or null for none) all (N). */
    public static Tensor pairLosses(Tensor chosen, Tensor rejected, Tensor margin) {
        Tensor d = chosen.sub(rejected);
        if (margin != null) d = d.sub(margin);
        return torch.softplus(d.neg());
    }

    /** Elementwise tie losses (N). */
    public static Tensor tieLosses(Tensor a, Tensor b) {
        Tensor d = a.sub(b);
        return torch.softplus(d).add(torch.softplus(d.neg())).mul(new Scalar(0.5)).sub(new Scalar(LOG_2));
    }

    /** Elementwise P(a preferred to b) (N). */
    public static Tensor probabilities(Tensor a, Tensor b) {
        return torch.sigmoid(a.sub(b));
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
