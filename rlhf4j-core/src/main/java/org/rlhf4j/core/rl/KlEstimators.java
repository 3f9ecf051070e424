package org.rlhf4j.core.rl;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Single-sample estimators of KL(p || q) from Schulman, "Approximating KL Divergence" (2020,
 * http://joschu.net/blog/kl-approx.html). The sample x is drawn from p; with
 * {@code log r = log q(x) - log p(x)}:
 * <pre>
 *   k1 = -log r                 unbiased, high variance, can be negative
 *   k2 = (log r)^2 / 2          biased (low bias when p and q are close), always >= 0
 *   k3 = (r - 1) - log r        unbiased, lower variance, always >= 0
 * </pre>
 * Argument order follows the sampling: {@code logp} is the log-probability under the
 * distribution that produced x. In LM PPO that is the policy (p) against the reference model (q),
 * as TRL's {@code logr = ref_logprobs - logprobs}; SB3's {@code approx_kl_div} is
 * {@code k3(oldLogProbs, newLogProbs)}, since its samples come from the old policy.
 *
 * <p>Tensor forms are elementwise over equal shapes; results are new tensors in the caller's scope.
 */
public final class KlEstimators {
    private KlEstimators() {}

    public static double k1(double logp, double logq) {
        return logp - logq;
    }

    public static double k2(double logp, double logq) {
        double logr = logq - logp;
        return 0.5 * logr * logr;
    }

    public static double k3(double logp, double logq) {
        double logr = logq - logp;
        return Math.expm1(logr) - logr;
    }

    /** logp, logq (...) -> (...). */
    public static Tensor k1(Tensor logp, Tensor logq) {
        MaskedStats.checkSameShape("logp", logp, "logq", logq);
        return logp.sub(logq);
    }

    /** logp, logq (...) -> (...). */
    public static Tensor k2(Tensor logp, Tensor logq) {
        MaskedStats.checkSameShape("logp", logp, "logq", logq);
        return logq.sub(logp).square().mul(new Scalar(0.5));
    }

    /** logp, logq (...) -> (...). */
    public static Tensor k3(Tensor logp, Tensor logq) {
        MaskedStats.checkSameShape("logp", logp, "logq", logq);
        Tensor logr = logq.sub(logp);
        return logr.expm1().sub(logr);
    }
}
