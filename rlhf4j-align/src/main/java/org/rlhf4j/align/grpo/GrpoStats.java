package org.rlhf4j.align.grpo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rlhf4j.align.online.OnlineStats;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.rl.GroupAdvantages;
import org.rlhf4j.core.run.MetricNames.Grpo;

/**
 * What one GRPO step measured, under TRL's GRPOTrainer names ({@link #metrics()}): the raw reward
 * and its spread within groups, the share of groups with zero spread, the k3 KL per token, clip
 * ratios, entropy per token, completion lengths and the loss (near 0 by construction at ratio 1).
 */
public record GrpoStats(int step, double reward, double rewardStd, double fracRewardZeroStd, double kl, double entropy, double loss,
                        double clipRatioRegion, double clipRatioLow, double clipRatioHigh, double meanLength, double minLength, double maxLength,
                        double clippedRatio, double gradNorm, double learningRate, int skippedUpdates, double firstRatioError,
                        double forwardSeconds, double optimizeSeconds) implements OnlineStats {

    static GrpoStats of(int step, ResponseBatch batch, double[] scores, GroupAdvantages.Grouped adv, GrpoTrainer.Updates u, int skipped, int eosId,
                        double forwardSeconds, double optimizeSeconds) {
        int n = batch.batch();
        double reward = 0, length = 0, min = Double.POSITIVE_INFINITY, max = 0, clipped = 0, std = 0;
        for (int i = 0; i < n; i++) {
            reward += scores[i];
            int len = batch.responseLengths()[i];
            length += len;
            min = Math.min(min, len);
            max = Math.max(max, len);
            int[] r = batch.response(i);
            if (r[r.length - 1] != eosId) clipped++;
        }
        for (double s : adv.groupStds()) std += s;
        return new GrpoStats(step, reward / n, std / adv.groupStds().length, adv.fracZeroStd(), u.kl(), u.entropy(), u.loss(), u.regionClip(), u.lowClip(), u.highClip(),
                length / n, min, max, clipped / n, u.gradNorm(), u.learningRate(), skipped, u.firstRatioError(), forwardSeconds, optimizeSeconds);
    }

    @Override
    public String progress() {
        return String.format(Locale.ROOT, "reward %.3f  std %.2f  zero-std %.0f%%  kl %.3f  len %.0f", reward, rewardStd, 100 * fracRewardZeroStd, kl, meanLength);
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put(Grpo.REWARD, reward);
        m.put(Grpo.REWARD_STD, rewardStd);
        m.put(Grpo.FRAC_REWARD_ZERO_STD, fracRewardZeroStd);
        m.put(Grpo.KL, kl);
        m.put(Grpo.ENTROPY, entropy);
        m.put(Grpo.LOSS, loss);
        m.put(Grpo.CLIP_RATIO_REGION, clipRatioRegion);
        m.put(Grpo.CLIP_RATIO_LOW, clipRatioLow);
        m.put(Grpo.CLIP_RATIO_HIGH, clipRatioHigh);
        m.put(Grpo.COMPLETIONS_MEAN_LENGTH, meanLength);
        m.put(Grpo.COMPLETIONS_MIN_LENGTH, minLength);
        m.put(Grpo.COMPLETIONS_MAX_LENGTH, maxLength);
        m.put(Grpo.COMPLETIONS_CLIPPED_RATIO, clippedRatio);
        m.put(Grpo.GRAD_NORM, gradNorm);
        m.put(Grpo.LEARNING_RATE, learningRate);
        m.put(Grpo.SKIPPED_UPDATES, skippedUpdates);
        m.put(Grpo.FIRST_RATIO_ERROR, firstRatioError);
        m.put(Grpo.TIME_FORWARD, forwardSeconds);
        m.put(Grpo.TIME_OPTIMIZE, optimizeSeconds);
        return m;
    }
}
