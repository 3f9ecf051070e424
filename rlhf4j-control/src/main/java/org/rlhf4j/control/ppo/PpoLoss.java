package org.rlhf4j.control.ppo;

import java.util.Arrays;
import org.rlhf4j.control.onpolicy.LossGradients;
import org.rlhf4j.control.onpolicy.RolloutBuffer.Minibatch;
import org.rlhf4j.control.policy.ActorCriticPolicy.ActionEvaluation;
import org.rlhf4j.core.rl.ClippedSurrogate;
import org.rlhf4j.core.rl.MaskedStats;
import org.rlhf4j.core.rl.ValueLoss;

/**
 * PPO's loss on one minibatch as stable-baselines3's {@code PPO.train} computes it (Schulman et
 * al. 2017, "Proximal Policy Optimization Algorithms", https://arxiv.org/abs/1707.06347):
 * <pre>
 *   A'      = (A - mean A) / (std A + 1e-8)          if normalizeAdvantage (unbiased std; not for one sample)
 *   policy  = -mean(min(A' r, A' clamp(r, 1 - clip, 1 + clip))),  r = exp(log pi - log pi_old)
 *   V'      = V_old + clamp(V - V_old, -clipVf, clipVf)   if clipRangeVf, else V
 *   value   = mean((R - V')^2)                       (no 1/2, as SB3's F.mse_loss)
 *   entropy = -mean(H)
 *   loss    = policy + entCoef entropy + vfCoef value
 * </pre>
 * with SB3's diagnostics clip fraction and approx_kl = mean((r - 1) - log r). The surrogate and
 * the value loss are the shared ones of {@code org.rlhf4j.core.rl} (one clipped surrogate serves
 * control and language-model PPO). A pure function: no state, no I/O.
 *
 * <p>SB3's linear schedules reach 0 on the last update. Clip ranges of 0 go to the shared losses
 * as they are: the ratio clamped to exactly 1 (torch's {@code clamp(r, 1, 1)}) and the value
 * prediction pinned to the old value.
 *
 * @param entCoef            SB3 ent_coef
 * @param vfCoef             SB3 vf_coef
 * @param normalizeAdvantage SB3 normalize_advantage
 */
public record PpoLoss(double entCoef, double vfCoef, boolean normalizeAdvantage) {
    /** The loss and its parts, means over the minibatch, under SB3's metric meanings. */
    public record Terms(double policyGradientLoss, double valueLoss, double entropyLoss, double loss, double clipFraction,
                        double approxKl) {}

    public record Result(Terms terms, LossGradients gradients) {}

    /**
     * @param batch       the minibatch (old log-probs, old values, advantages, returns)
     * @param evaluation  the current policy's values, log-probs and entropies on it
     * @param clipRange   the surrogate's clip range now
     * @param clipRangeVf the value clip range now, or NaN for no value clipping
     */
    public Result compute(Minibatch batch, ActionEvaluation evaluation, double clipRange, double clipRangeVf) {
        int n = batch.size();
        float[] advantages = normalizeAdvantage ? MaskedStats.normalise(batch.advantages()) : batch.advantages();
        ClippedSurrogate.ArrayTerms policy = ClippedSurrogate.compute(evaluation.logProb(), batch.oldLogProbs(), advantages, clipRange);
        ValueLoss.ArrayTerms value = Double.isNaN(clipRangeVf)
                ? ValueLoss.compute(evaluation.values(), null, batch.returns(), ValueLoss.Clipping.NONE, 0)
                : ValueLoss.compute(evaluation.values(), batch.oldValues(), batch.returns(), ValueLoss.Clipping.PREDICTION,
                        clipRangeVf);
        double entropySum = 0;
        for (float h : evaluation.entropy()) entropySum += h;
        double entropyLoss = -entropySum / n;
        double loss = policy.loss() + entCoef * entropyLoss + vfCoef * value.loss();

        float[] dEntropy = new float[n], dValues = new float[n];
        Arrays.fill(dEntropy, (float) (-entCoef / n));
        for (int i = 0; i < n; i++) dValues[i] = (float) (vfCoef * value.lossGradient()[i]);
        Terms terms = new Terms(policy.loss(), value.loss(), entropyLoss, loss, policy.clipFraction(), policy.approxKl());
        return new Result(terms, new LossGradients(policy.lossGradient(), dEntropy, dValues));
    }
}
