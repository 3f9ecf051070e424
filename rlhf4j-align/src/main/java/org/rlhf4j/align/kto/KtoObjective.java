package org.rlhf4j.align.kto;

import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.align.offline.OfflineObjective;
import org.rlhf4j.core.rl.PreferenceLoss;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.tensor.TensorData;

/**
 * KTO's loss for a micro-batch: slot 0 the labelled reply, slot 1 a mismatched reply (another
 * example's reply after this prompt) for the KL reference point. Figures under TRL's names:
 * {@code rewards/chosen} over the desirable replies, {@code rewards/rejected} over the undesirable
 * ones (left out when the micro-batch has none), and {@code kl}.
 */
public final class KtoObjective implements OfflineObjective {
    public static final int REPLY = 0;
    public static final int MISMATCHED = 1;
    private final KtoConfig config;

    public KtoObjective(KtoConfig config) {
        this.config = config;
    }

    @Override
    public int slots() {
        return 2;
    }

    @Override
    public boolean usesReference() {
        return true;
    }

    @Override
    public Tensor loss(Forward f, Map<String, Double> figures) {
        Tensor policy = f.policy()[REPLY].sums();
        PreferenceLoss.KtoTerms t = PreferenceLoss.kto(policy, f.referenceSums()[REPLY], f.desirable(), f.policy()[MISMATCHED].sums(), f.referenceSums()[MISMATCHED],
                config.beta(), config.desirableWeight(), config.undesirableWeight());
        Tensor good = f.desirable().gt(new Scalar(0.5)), bad = good.logical_not();
        double goodCount = TensorData.scalar(good.to(torch.ScalarType.Float).sum()), badCount = TensorData.scalar(bad.to(torch.ScalarType.Float).sum());
        Tensor logps = policy.detach();
        if (goodCount > 0) {
            figures.put(MetricNames.Dpo.REWARDS_CHOSEN, TensorData.scalar(t.rewards().masked_select(good).mean()));
            figures.put(MetricNames.Dpo.LOGPS_CHOSEN, TensorData.scalar(logps.masked_select(good).mean()));
        }
        if (badCount > 0) {
            figures.put(MetricNames.Dpo.REWARDS_REJECTED, TensorData.scalar(t.rewards().masked_select(bad).mean()));
            figures.put(MetricNames.Dpo.LOGPS_REJECTED, TensorData.scalar(logps.masked_select(bad).mean()));
        }
        if (goodCount > 0 && badCount > 0) figures.put(MetricNames.Dpo.REWARDS_MARGINS, figures.get(MetricNames.Dpo.REWARDS_CHOSEN) - figures.get(MetricNames.Dpo.REWARDS_REJECTED));
        figures.put(MetricNames.Dpo.KL, TensorData.scalar(t.kl()));
        return t.loss();
    }
}
