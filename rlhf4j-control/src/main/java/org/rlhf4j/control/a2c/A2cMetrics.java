package org.rlhf4j.control.a2c;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rlhf4j.control.onpolicy.MetricNames;
import org.rlhf4j.control.onpolicy.TrainMetrics;

/**
 * What one A2C update reports, the subset SB3's {@code A2C.train} logs.
 *
 * @param learningRate      train/learning_rate
 * @param entropyLoss       train/entropy_loss
 * @param policyLoss        train/policy_loss
 * @param valueLoss         train/value_loss
 * @param explainedVariance train/explained_variance
 * @param nUpdates          train/n_updates (one per rollout)
 * @param std               train/std, NaN for a discrete policy (then not reported)
 * @param loss              the total loss (not logged by SB3; here for listeners)
 */
public record A2cMetrics(double learningRate, double entropyLoss, double policyLoss, double valueLoss, double explainedVariance,
                         long nUpdates, double std, double loss) implements TrainMetrics {

    @Override
    public Map<String, Number> toMap() {
        Map<String, Number> map = new LinkedHashMap<>();
        map.put(MetricNames.TRAIN_ENTROPY_LOSS, entropyLoss);
        map.put(MetricNames.TRAIN_EXPLAINED_VARIANCE, explainedVariance);
        map.put(MetricNames.TRAIN_LEARNING_RATE, learningRate);
        map.put(MetricNames.TRAIN_N_UPDATES, nUpdates);
        map.put(MetricNames.TRAIN_POLICY_LOSS, policyLoss);
        if (!Double.isNaN(std)) map.put(MetricNames.TRAIN_STD, std);
        map.put(MetricNames.TRAIN_VALUE_LOSS, valueLoss);
        return map;
    }
}
