package org.rlhf4j.control.a2c;

import java.util.Arrays;
import org.rlhf4j.control.onpolicy.LossGradients;
import org.rlhf4j.control.onpolicy.RolloutBuffer.Minibatch;
import org.rlhf4j.control.policy.ActorCriticPolicy.ActionEvaluation;
import org.rlhf4j.core.rl.MaskedStats;
import org.rlhf4j.core.rl.ValueLoss;

/**
 * The advantage actor-critic loss (Mnih et al. 2016, "Asynchronous Methods for Deep
 * Reinforcement Learning", https://arxiv.org/abs/1602.01783) on one batch, as stable-baselines3's
 * {@code A2C.train}:
 * <pre>
 *   A'      = (A - mean A) / (std A + 1e-8)     if normalizeAdvantage, else A
 *   policy  = -mean(A' log pi(a|s))             d/d log pi_i = -A'_i / B
 *   value   = mean((R - V)^2)                   (SB3's F.mse_loss; no 1/2)
 *   entropy = -mean(H)
 *   loss    = policy + entCoef entropy + vfCoef value
 * </pre>
 * A pure function: no state, no I/O.
 */
public record A2cLoss(double entCoef, double vfCoef, boolean normalizeAdvantage) {

    /** Means over the batch, under SB3's metric meanings ({@code train/policy_loss}, ...). */
    public record Terms(double policyLoss, double valueLoss, double entropyLoss, double loss) {}

    public record Result(Terms terms, LossGradients gradients) {}

    public Result compute(Minibatch batch, ActionEvaluation evaluation) {
        int n = batch.size();
        float[] advantages = normalizeAdvantage ? MaskedStats.normalise(batch.advantages()) : batch.advantages();
        float[] logProb = evaluation.logProb(), entropy = evaluation.entropy();
        float[] dLogProb = new float[n], dEntropy = new float[n], dValues = new float[n];
        double policySum = 0, entropySum = 0;
        for (int i = 0; i < n; i++) {
            policySum += (double) advantages[i] * logProb[i];
            entropySum += entropy[i];
            dLogProb[i] = (float) (-(double) advantages[i] / n);
        }
        ValueLoss.ArrayTerms value = ValueLoss.compute(evaluation.values(), null, batch.returns(), ValueLoss.Clipping.NONE, 0);
        for (int i = 0; i < n; i++) dValues[i] = (float) (vfCoef * value.lossGradient()[i]);
        Arrays.fill(dEntropy, (float) (-entCoef / n));
        double policyLoss = -policySum / n, entropyLoss = -entropySum / n;
        double loss = policyLoss + entCoef * entropyLoss + vfCoef * value.loss();
        return new Result(new Terms(policyLoss, value.loss(), entropyLoss, loss), new LossGradients(dLogProb, dEntropy, dValues));
    }
}
