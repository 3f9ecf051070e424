package org.rlhf4j.align.dpo;

import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.align.offline.OfflineObjective;
import org.rlhf4j.align.policy.ReplyLogProbs;
import org.rlhf4j.core.rl.PreferenceLoss;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.tensor.TensorData;

/**
 * DPO's loss for one micro-batch of pairs (slot 0 chosen, slot 1 rejected), by {@code loss_type}:
 * summed log-probs for sigmoid, per-token means for ipo and simpo (as TRL); plus the RPO NLL term.
 * Logs TRL's figures.
 */
public final class DpoObjective implements OfflineObjective {
    public static final int CHOSEN = 0;
    public static final int REJECTED = 1;
    private final DpoConfig config;

    public DpoObjective(DpoConfig config) {
        this.config = config;
    }

    @Override
    public int slots() {
        return 2;
    }

    @Override
    public boolean usesReference() {
        return config.usesReference();
    }

    @Override
    public Tensor loss(Forward f, Map<String, Double> figures) {
        ReplyLogProbs.Sequences chosen = f.policy()[CHOSEN], rejected = f.policy()[REJECTED];
        PreferenceLoss.Terms terms = switch (config.lossType()) {
            case "sigmoid" -> PreferenceLoss.sigmoid(chosen.sums(), rejected.sums(), f.referenceSums()[CHOSEN], f.referenceSums()[REJECTED], config.beta(), config.labelSmoothing());
            case "ipo" -> PreferenceLoss.ipo(chosen.means(), rejected.means(), f.referenceMeans()[CHOSEN], f.referenceMeans()[REJECTED], config.beta());
            case "simpo" -> PreferenceLoss.simpo(chosen.means(), rejected.means(), config.beta(), config.simpoGamma(), config.labelSmoothing());
            default -> throw new IllegalStateException(config.lossType());
        };
        Tensor nll = chosen.sums().sum().neg().div(chosen.lengths().sum());   // mean NLL per chosen token
        terms = PreferenceLoss.withNll(terms, nll, config.rpoAlpha());
        Tensor margins = terms.chosenRewards().sub(terms.rejectedRewards());
        figures.put(MetricNames.Dpo.REWARDS_CHOSEN, TensorData.scalar(terms.chosenRewards().mean()));
        figures.put(MetricNames.Dpo.REWARDS_REJECTED, TensorData.scalar(terms.rejectedRewards().mean()));
        figures.put(MetricNames.Dpo.REWARDS_MARGINS, TensorData.scalar(margins.mean()));
        figures.put(MetricNames.Dpo.REWARDS_ACCURACIES, TensorData.scalar(margins.gt(new Scalar(0.0)).to(torch.ScalarType.Float).mean()));
        figures.put(MetricNames.Dpo.LOGPS_CHOSEN, TensorData.scalar(chosen.sums().detach().mean()));
        figures.put(MetricNames.Dpo.LOGPS_REJECTED, TensorData.scalar(rejected.sums().detach().mean()));
        figures.put(MetricNames.Dpo.NLL_LOSS, TensorData.scalar(nll.detach()));
        return terms.loss();
    }
}
