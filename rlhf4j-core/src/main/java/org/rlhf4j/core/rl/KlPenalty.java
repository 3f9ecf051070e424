package org.rlhf4j.core.rl;

import java.util.Locale;
import org.bytedeco.pytorch.Tensor;

/**
 * LM PPO's per-token reward (Ziegler et al. 2019; Stiennon et al. 2020; TRL's
 * {@code compute_rewards}): on every response token a penalty {@code -beta * kl_t} for moving
 * away from the reference model, and the sequence's score added on its last token:
 * <pre>
 *   r_t = -beta * kl_t               (the non-score reward)
 *   r_T = r_T + score                (T = the last response token)
 * </pre>
 * {@code kl_t} is one of the estimators TRL's {@code kl_penalty} offers, from the sampled token's
 * log-probability under the policy ({@code logp}) and the reference ({@code logq}):
 * {@code kl} = logp - logq (k1), {@code abs} = |logp - logq|, {@code mse} = (logp - logq)^2 / 2
 * (k2), {@code k3} = (r - 1) - log r with r = q / p, and {@code full}, the exact KL of the two
 * next-token distributions, sum_v p(v) (log p(v) - log q(v)), which needs the whole vocabulary.
 */
public final class KlPenalty {
    private KlPenalty() {}

    public enum Estimator {
        KL, ABS, MSE, K3, FULL;

        /** TRL's spelling: kl, abs, mse, full, and k3. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Estimator parse(String name) {
            for (Estimator e : values()) if (e.name().equalsIgnoreCase(name)) return e;
            throw new IllegalArgumentException("unknown KL estimator \"" + name + "\" (known: kl, abs, mse, k3, full)");
        }

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One token's estimate from sampled-token log-probs; {@link Estimator#FULL} needs {@link #full}. */
    public static double perToken(Estimator e, double logp, double logq) {
        switch (e) {
            case KL: return KlEstimators.k1(logp, logq);
            case ABS: return Math.abs(logp - logq);
            case MSE: return KlEstimators.k2(logp, logq);
            case K3: return KlEstimators.k3(logp, logq);
            default: throw new IllegalArgumentException("the full KL needs both next-token distributions, not only the sampled token's log-probs");
        }
    }

    /** logp, logq (...) -> (...), elementwise; not for {@link Estimator#FULL}. */
    public static Tensor perToken(Estimator e, Tensor logp, Tensor logq) {
        switch (e) {
            case KL: return KlEstimators.k1(logp, logq);
            case ABS: return KlEstimators.k1(logp, logq).abs();
            case MSE: return KlEstimators.k2(logp, logq);
            case K3: return KlEstimators.k3(logp, logq);
            default: throw new IllegalArgumentException("the full KL needs both next-token distributions: use KlPenalty.full");
        }
    }

    /** Exact KL(p || q) per position from log-softmax outputs (..., V) -> (...). */
    public static Tensor full(Tensor logSoftmaxP, Tensor logSoftmaxQ) {
        MaskedStats.checkSameShape("logSoftmaxP", logSoftmaxP, "logSoftmaxQ", logSoftmaxQ);
        return logSoftmaxP.exp().mul(logSoftmaxP.sub(logSoftmaxQ)).sum(new long[] {-1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
    }

    /** Per-token rewards and their parts, (B, T) row-major like the inputs. */
    public record Rewards(float[] rewards, float[] nonScore) {}

    /**
     * @param kl     (B, T) per-token KL estimate
     * @param mask   (B, T) true on response tokens; each row's last true position gets the score
     * @param scores (B) one score per sequence
     * @param beta   the KL coefficient
     */
    public static Rewards rewards(float[] kl, boolean[] mask, float[] scores, int sequences, int tokens, double beta) {
        int n = sequences * tokens;
        if (kl.length != n || mask.length != n) throw new IllegalArgumentException("kl and mask must hold sequences x tokens = " + n + " values, got " + kl.length + " and " + mask.length);
        if (scores.length != sequences) throw new IllegalArgumentException("scores must hold one value per sequence (" + sequences + "), got " + scores.length);
        float[] nonScore = new float[n];
        float[] rewards = new float[n];
        for (int b = 0; b < sequences; b++) {
            int last = -1;
            for (int t = 0; t < tokens; t++) {
                int i = b * tokens + t;
                if (!mask[i]) continue;
                nonScore[i] = (float) (-beta * kl[i]);
                rewards[i] = nonScore[i];
                last = i;
            }
            if (last < 0) throw new IllegalArgumentException("sequence " + b + " has no response token to put its score on");
            rewards[last] += scores[b];
        }
        return new Rewards(rewards, nonScore);
    }
}
