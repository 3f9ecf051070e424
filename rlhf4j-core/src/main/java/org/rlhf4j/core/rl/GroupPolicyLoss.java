package org.rlhf4j.core.rl;

import java.util.Locale;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * GRPO's loss (Shao et al. 2024, https://arxiv.org/abs/2402.03300, eq. 3), per response token,
 * with one advantage per sequence broadcast over its tokens:
 * <pre>
 *   r_t     = exp(logp_t - old_t)
 *   l_t     = -min(A r_t, A clamp(r_t, 1 - epsLow, 1 + epsHigh)) + beta k3_t
 *   k3_t    = exp(ref_t - logp_t) - (ref_t - logp_t) - 1          (KL to the reference, {@link KlEstimators#k3})
 * </pre>
 * and then one of TRL's length normalisations ({@link LossType}). The KL is a term of the loss,
 * not of the reward, and its estimate is taken on the current policy's log-probs so its gradient
 * flows. {@code epsHigh > epsLow} is DAPO's "clip higher" (Yu et al. 2025). k3 grows as
 * {@code exp(ref - logp)} where the policy has pushed a sampled token far below the reference, so
 * one token could swamp a batch's loss and gradient: the log ratio is clamped to
 * [-{@value #K3_LOG_RATIO_LIMIT}, {@value #K3_LOG_RATIO_LIMIT}] first, as OpenRLHF does (a GRPO
 * run at lr 1e-4 without the clamp logged a per-token KL of 43 after its first update).
 *
 * <p>With one update per batch of samples, {@code old = logp} and the ratio is 1: then the
 * surrogate's value is {@code -mean(A)}, 0 for group-normalised advantages, while its gradient,
 * {@code -mean(A grad logp)}, is not. A loss near 0 is expected (TRL issue #2703).
 */
public final class GroupPolicyLoss {
    /** |ref - logp| is clamped to this before k3 (OpenRLHF's {@code compute_approx_kl}). */
    public static final double K3_LOG_RATIO_LIMIT = 10;

    private GroupPolicyLoss() {}

    /** TRL's {@code loss_type}s. */
    public enum LossType {
        /** Mean over each sequence's tokens, then over sequences (the paper's; favours short correct and long wrong replies). */
        GRPO,
        /** Sum over the batch's tokens / their count (TRL's "bnpo": every token weighs the same). */
        BNPO,
        /** Sum over the batch's tokens / (sequences x max_completion_length), a constant (Dr. GRPO: no length bias). */
        DR_GRPO;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static LossType parse(String name) {
            for (LossType t : values()) if (t.toString().equals(name.toLowerCase(Locale.ROOT))) return t;
            throw new IllegalArgumentException("unknown loss_type \"" + name + "\" (known: grpo, bnpo, dr_grpo)");
        }

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * 0-dim tensors: {@code loss} carries the graph; the rest are detached diagnostics, masked
     * means over tokens: k3 KL to the reference (0 without one), TRL's {@code clip_ratio/low_mean}
     * (ratio below 1 - epsLow where A < 0), {@code high_mean} (above 1 + epsHigh where A > 0) and
     * {@code region_mean} (either).
     */
    public record Terms(Tensor loss, Tensor kl, Tensor lowClip, Tensor highClip, Tensor regionClip) {}

    /**
     * @param newLogProbs (B, T) with grad
     * @param oldLogProbs (B, T) the sampling policy's
     * @param refLogProbs (B, T) the reference's, or null when {@code beta} is 0
     * @param advantages  (B) one per sequence
     * @param mask        (B, T) 1 on response tokens
     * @param maxCompletionLength the constant of {@link LossType#DR_GRPO}
     */
    public static Terms compute(Tensor newLogProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask,
                                double epsLow, double epsHigh, double beta, LossType type, int maxCompletionLength) {
        if (!(epsLow >= 0 && epsLow < 1)) throw new IllegalArgumentException("epsilon must be in [0, 1), got " + epsLow);
        if (!(epsHigh >= 0) || Double.isInfinite(epsHigh)) throw new IllegalArgumentException("epsilon_high must be >= 0 and finite, got " + epsHigh);
        if (!(beta >= 0)) throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        if (beta > 0 && refLogProbs == null) throw new IllegalArgumentException("beta > 0 needs the reference's log-probs");
        MaskedStats.checkSameShape("oldLogProbs", oldLogProbs, "newLogProbs", newLogProbs);
        MaskedStats.checkSameShape("mask", mask, "newLogProbs", newLogProbs);
        if (advantages.dim() != 1 || advantages.size(0) != newLogProbs.size(0)) {
            throw new IllegalArgumentException("advantages must be (B) with one per sequence, B = " + newLogProbs.size(0));
        }
        Tensor m = mask.to(torch.ScalarType.Float);
        Tensor a = advantages.unsqueeze(1);                                                       // (B, 1)
        Tensor ratio = newLogProbs.sub(oldLogProbs).exp();                                        // (B, T)
        Tensor clamped = ratio.clamp_min(new Scalar(1 - epsLow)).clamp_max(new Scalar(1 + epsHigh));
        Tensor perToken = a.mul(ratio).minimum(a.mul(clamped)).neg();
        Tensor kl = null;
        if (refLogProbs != null) {
            MaskedStats.checkSameShape("refLogProbs", refLogProbs, "newLogProbs", newLogProbs);
            Tensor logr = refLogProbs.sub(newLogProbs).clamp_min(new Scalar(-K3_LOG_RATIO_LIMIT)).clamp_max(new Scalar(K3_LOG_RATIO_LIMIT));
            kl = logr.expm1().sub(logr);                                                          // k3 of the clamped log ratio
            if (beta > 0) perToken = perToken.add(kl.mul(new Scalar(beta)));
        }
        Tensor masked = perToken.mul(m);
        Tensor loss = switch (type) {
            case GRPO -> masked.sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                    .div(m.sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).clamp_min(new Scalar(1.0))).mean();
            case BNPO -> masked.sum().div(m.sum().clamp_min(new Scalar(1.0)));
            case DR_GRPO -> masked.sum().div(new Scalar((double) newLogProbs.size(0) * maxCompletionLength));
        };
        Tensor r = ratio.detach(), ad = a.detach().expand_as(r);
        Tensor low = r.lt(new Scalar(1 - epsLow)).logical_and(ad.lt(new Scalar(0.0))).to(torch.ScalarType.Float);
        Tensor high = r.gt(new Scalar(1 + epsHigh)).logical_and(ad.gt(new Scalar(0.0))).to(torch.ScalarType.Float);
        Tensor klMean = kl == null ? torch.zeros_like(loss.detach()) : MaskedStats.mean(kl.detach(), m);
        return new Terms(loss, klMean, MaskedStats.mean(low, m), MaskedStats.mean(high, m), MaskedStats.mean(low.add(high).clamp_max(new Scalar(1.0)), m));
    }
}
