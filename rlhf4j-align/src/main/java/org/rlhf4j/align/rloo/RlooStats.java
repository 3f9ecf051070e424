package org.rlhf4j.align.rloo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rlhf4j.align.online.OnlineStats;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.run.MetricNames.Rloo;

/** What one RLOO step measured, under the names of TRL's RLOOTrainer ({@link #metrics()}); KL and entropy per reply, summed over its tokens. */
public record RlooStats(int step, double kl, double entropy, double nonScoreReward, double rlhfReward, double scores, double scoresStd, double fracZeroStd,
                        double approxKl, double clipFraction, double policyLoss, double advantageAbs, double ratio, double firstRatioError,
                        double responseLength, double eosRate, double gradNorm, double learningRate, int skippedUpdates,
                        double forwardSeconds, double optimizeSeconds) implements OnlineStats {

    static RlooStats of(int step, ResponseBatch batch, double[] scores, RlooTrainer.Rewards rewards, float[] advantages, RlooTrainer.Updates u, int k,
                        int skipped, int eosId, double forwardSeconds, double optimizeSeconds) {
        int n = batch.batch();
        double kl = 0, score = 0, total = 0, length = 0, eos = 0, abs = 0;
        for (int i = 0; i < n; i++) {
            kl += rewards.kl()[i];
            score += scores[i];
            total += rewards.total()[i];
            length += batch.responseLengths()[i];
            abs += Math.abs(advantages[i]);
            int[] r = batch.response(i);
            if (r[r.length - 1] == eosId) eos++;
        }
        double mean = score / n, var = 0;
        for (double s : scores) var += (s - mean) * (s - mean);
        int zero = 0;
        for (int g = 0; g < n / k; g++) {
            boolean same = true;
            for (int i = g * k + 1; i < (g + 1) * k; i++) same &= scores[i] == scores[g * k];
            if (same) zero++;
        }
        return new RlooStats(step, kl / n, u.entropy() * length / n, (total - score) / n, total / n, mean, Math.sqrt(var / n), (double) zero / (n / k),
                u.approxKl(), u.clipFraction(), u.loss(), abs / n, u.ratio(), u.firstRatioError(), length / n, eos / n, u.gradNorm(), u.learningRate(), skipped,
                forwardSeconds, optimizeSeconds);
    }

    @Override
    public String progress() {
        return String.format(Locale.ROOT, "score %.3f  kl %.2f  rlhf %.3f  len %.0f", scores, kl, rlhfReward, responseLength);
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put(Rloo.KL, kl);
        m.put(Rloo.ENTROPY, entropy);
        m.put(Rloo.NON_SCORE_REWARD, nonScoreReward);
        m.put(Rloo.RLHF_REWARD, rlhfReward);
        m.put(Rloo.SCORES, scores);
        m.put(Rloo.SCORES_STD, scoresStd);
        m.put(Rloo.FRAC_REWARD_ZERO_STD, fracZeroStd);
        m.put(Rloo.APPROXKL, approxKl);
        m.put(Rloo.CLIPFRAC, clipFraction);
        m.put(Rloo.LOSS_POLICY, policyLoss);
        m.put(Rloo.ADVANTAGE_ABS, advantageAbs);
        m.put(Rloo.RATIO, ratio);
        m.put(Rloo.FIRST_RATIO_ERROR, firstRatioError);
        m.put(Rloo.RESPONSES_LEN_MEAN, responseLength);
        m.put(Rloo.EOS_RATE, eosRate);
        m.put(Rloo.GRAD_NORM, gradNorm);
        m.put(Rloo.LEARNING_RATE, learningRate);
        m.put(Rloo.SKIPPED_UPDATES, skippedUpdates);
        m.put(Rloo.TIME_FORWARD, forwardSeconds);
        m.put(Rloo.TIME_OPTIMIZE, optimizeSeconds);
        return m;
    }
}
