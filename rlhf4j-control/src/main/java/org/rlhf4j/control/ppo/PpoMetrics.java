package org.rlhf4j.control.ppo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rlhf4j.control.onpolicy.MetricNames;
import org.rlhf4j.control.onpolicy.TrainMetrics;

/**
 * What one PPO update reports, as SB3's {@code PPO.train} logs it: the losses, clip fraction are
 * means over all minibatches of all epochs run; approx_kl is the mean over the last epoch's
 * minibatches; loss is the last minibatch's.
 *
 * @param learningRate       train/learning_rate
 * @param clipRange          train/clip_range
 * @param clipRangeVf        train/clip_range_vf, NaN when value clipping is off (then not reported)
 * @param entropyLoss        train/entropy_loss: -mean entropy
 * @param policyGradientLoss train/policy_gradient_loss: the clipped surrogate loss
 * @param valueLoss          train/value_loss
 * @param approxKl           train/approx_kl
 * @param clipFraction       train/clip_fraction
 * @param loss               train/loss
 * @param explainedVariance  train/explained_variance of the rollout's values against its returns
 * @param nUpdates           train/n_updates: epochs run so far (SB3 counts epochs, not minibatches)
 * @param std                train/std: mean exp(log_std), NaN for a discrete policy (then not reported)
 * @param epochsRun          epochs this update ran (fewer than n_epochs after a target-KL stop)
 */
public record PpoMetrics(double learningRate, double clipRange, double clipRangeVf, double entropyLoss,
                         double policyGradientLoss, double valueLoss, double approxKl, double clipFraction, double loss,
                         double explainedVariance, long nUpdates, double std, int epochsRun) implements TrainMetrics {

    @Override
    public Map<String, Number> toMap() {
        Map<String, Number> map = new LinkedHashMap<>();
        map.put(MetricNames.TRAIN_APPROX_KL, approxKl);
        map.put(MetricNames.TRAIN_CLIP_FRACTION, clipFraction);
        map.put(MetricNames.TRAIN_CLIP_RANGE, clipRange);
        if (!Double.isNaN(clipRangeVf)) map.put(MetricNames.TRAIN_CLIP_RANGE_VF, clipRangeVf);
        map.put(MetricNames.TRAIN_ENTROPY_LOSS, entropyLoss);
        map.put(MetricNames.TRAIN_EXPLAINED_VARIANCE, explainedVariance);
        map.put(MetricNames.TRAIN_LEARNING_RATE, learningRate);
        map.put(MetricNames.TRAIN_LOSS, loss);
        map.put(MetricNames.TRAIN_N_UPDATES, nUpdates);
        map.put(MetricNames.TRAIN_POLICY_GRADIENT_LOSS, policyGradientLoss);
        if (!Double.isNaN(std)) map.put(MetricNames.TRAIN_STD, std);
        map.put(MetricNames.TRAIN_VALUE_LOSS, valueLoss);
        return map;
    }
}
