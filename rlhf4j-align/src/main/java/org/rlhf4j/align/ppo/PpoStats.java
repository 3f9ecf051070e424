package org.rlhf4j.align.ppo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rlhf4j.align.online.OnlineStats;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.rl.ExplainedVariance;
import org.rlhf4j.core.run.MetricNames.Ppo;

/**
 * What one PPO step measured, under TRL's names ({@link #metrics()}). KL and entropy are per
 * reply: summed over its tokens, then averaged over the batch, as TRL's {@code objective/kl} and
 * {@code objective/entropy}; losses and diagnostics are means over the update's micro-batches.
 *
 * @param firstRatioError mean |ratio - 1| on the step's first micro-batch, before any update: 0
 *                        when the rollout's log-probs and the training pass agree
 */
public record PpoStats(int step, double meanKl, double klCoefficient, double entropy, double meanScores, double stdScores,
                       double meanNonScoreReward, double policyLoss, double valueLoss, double entropyLoss, double totalLoss,
                       double clipFraction, double approxKl, double ratioMax, double firstRatioError, double valuePrediction,
                       double valueClipFraction, double explainedVariance, double returnsMean, double returnsVar, double gradNorm,
                       double learningRate, int epochsDone, int ratioSkips, int skippedUpdates, double responseLengthMean,
                       double queryLengthMean, double eosRate, double forwardSeconds, double optimizeSeconds) implements OnlineStats {

    static PpoStats of(int step, ResponseBatch batch, PpoTrainer.Rollout rollout, float[] nonScore, float[] scores, PpoTrainer.Grid grid,
                       PpoTrainer.Advantages adv, PpoTrainer.Updates u, double klCoefficient, double forwardSeconds, double optimizeSeconds,
                       int skippedUpdates, int eosId) {
        int n = batch.batch();
        double kl = 0, entropy = 0, nonScoreSum = 0, scoreSum = 0, scoreSquares = 0, responseLength = 0, queryLength = 0, eos = 0;
        for (int i = 0; i < n; i++) {
            for (float v : rollout.kl()[i]) kl += v;
            for (float v : rollout.logProbs()[i]) entropy -= v;
            responseLength += batch.responseLengths()[i];
            queryLength += batch.queryLengths()[i];
            scoreSum += scores[i];
        }
        for (int i = 0; i < nonScore.length; i++) if (grid.mask[i]) nonScoreSum += nonScore[i];
        double meanScore = scoreSum / n;
        for (float s : scores) scoreSquares += (s - meanScore) * (s - meanScore);
        for (int i = 0; i < n; i++) {
            int[] r = batch.response(i);
            if (r[r.length - 1] == eosId) eos++;
        }
        float[] values = grid.flatten(rollout.values()), returns = grid.flatten(adv.returns());
        int tokens = 0;
        for (boolean m : grid.mask) if (m) tokens++;
        float[] v = new float[tokens], ret = new float[tokens];
        double retSum = 0;
        for (int i = 0, k = 0; i < grid.mask.length; i++) {
            if (!grid.mask[i]) continue;
            v[k] = values[i];
            ret[k] = returns[i];
            retSum += returns[i];
            k++;
        }
        double retMean = retSum / tokens, retVar = 0;
        for (float r : ret) retVar += (r - retMean) * (r - retMean);
        return new PpoStats(step, kl / n, klCoefficient, entropy / n, meanScore, Math.sqrt(scoreSquares / n), nonScoreSum / n,
                u.policyLoss(), u.valueLoss(), u.entropyLoss(), u.totalLoss(), u.clipFraction(), u.approxKl(), u.ratioMax(), u.firstRatioError(),
                u.valuePrediction(), u.valueClipFraction(), ExplainedVariance.of(v, ret), retMean, retVar / tokens, u.gradNorm(), u.learningRate(),
                u.epochsDone(), u.ratioSkips(), skippedUpdates, responseLength / n, queryLength / n, eos / n, forwardSeconds, optimizeSeconds);
    }

    @Override
    public String progress() {
        return String.format(java.util.Locale.ROOT, "score %.3f  kl %.2f  beta %.3f  len %.0f", meanScores, meanKl, klCoefficient, responseLengthMean);
    }

    /** TRL's metric names and values. */
    public Map<String, Number> metrics() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put(Ppo.KL, meanKl);
        m.put(Ppo.KL_COEF, klCoefficient);
        m.put(Ppo.ENTROPY, entropy);
        m.put(Ppo.MEAN_SCORES, meanScores);
        m.put(Ppo.STD_SCORES, stdScores);
        m.put(Ppo.MEAN_NON_SCORE_REWARD, meanNonScoreReward);
        m.put(Ppo.LOSS_POLICY, policyLoss);
        m.put(Ppo.LOSS_VALUE, valueLoss);
        m.put(Ppo.LOSS_ENTROPY, entropyLoss);
        m.put(Ppo.LOSS_TOTAL, totalLoss);
        m.put(Ppo.POLICY_CLIPFRAC, clipFraction);
        m.put(Ppo.POLICY_APPROXKL, approxKl);
        m.put(Ppo.POLICY_RATIO_MAX, ratioMax);
        m.put(Ppo.POLICY_FIRST_RATIO_ERROR, firstRatioError);
        m.put(Ppo.VAL_VPRED, valuePrediction);
        m.put(Ppo.VAL_CLIPFRAC, valueClipFraction);
        m.put(Ppo.VAL_VAR_EXPLAINED, explainedVariance);
        m.put(Ppo.RETURNS_MEAN, returnsMean);
        m.put(Ppo.RETURNS_VAR, returnsVar);
        m.put(Ppo.GRAD_NORM, gradNorm);
        m.put(Ppo.LEARNING_RATE, learningRate);
        m.put(Ppo.EPOCHS_DONE, epochsDone);
        m.put(Ppo.SKIPPED_UPDATES, skippedUpdates);
        m.put(Ppo.RESPONSES_LEN_MEAN, responseLengthMean);
        m.put(Ppo.QUERIES_LEN_MEAN, queryLengthMean);
        m.put(Ppo.EOS_RATE, eosRate);
        m.put(Ppo.TIME_FORWARD, forwardSeconds);
        m.put(Ppo.TIME_OPTIMIZE, optimizeSeconds);
        return m;
    }
}
