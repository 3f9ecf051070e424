package org.rlhf4j.align.rloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.align.OnlineTestModels;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.tensor.Precision;

/** Two RLOO steps on a tiny model: every policy parameter moves, the reference does not, and the first ratio is exactly 1. */
class RlooTrainerTest {
    static RlooConfig config(Precision precision, int epochs, double klCoef) {
        return new RlooConfig(1e-2, 4, 4, 1, 2, epochs, 0.2, klCoef, false, 1.0, 16, 6, 1.0, 10, 0, 0, 3, precision, "support", 42L);
    }

    @Test
    void twoStepsMoveEveryPolicyParameterAndLeaveTheReference() {
        PolicyModel[] m = OnlineTestModels.models(3);
        try (PolicyModel policy = m[0]; PolicyModel reference = m[1]; RlooTrainer trainer = new RlooTrainer(policy, reference, config(Precision.FP32, 2, 0.05))) {
            List<float[]> policyBefore = OnlineTestModels.values(policy.entries()), referenceBefore = OnlineTestModels.values(reference.entries());
            List<int[]> q = OnlineTestModels.groupedQueries(2, 4, 5);
            for (int s = 0; s < 2; s++) {
                List<int[]> r = trainer.generate(q, 6, 11 + s);
                double[] scores = OnlineTestModels.targetShare(r);
                RlooStats stats = trainer.step(q, r, scores);
                assertThat(stats.firstRatioError()).isLessThan(1e-6);
                // KL in the reward: rlhf reward = score + non-score reward, and the non-score reward is -kl_coef x KL.
                assertThat(stats.rlhfReward()).isCloseTo(stats.scores() + stats.nonScoreReward(), within(1e-9));
                assertThat(stats.nonScoreReward()).isCloseTo(-0.05 * stats.kl(), within(1e-9));
                if (s == 0) assertThat(stats.kl()).as("policy = reference before any update").isEqualTo(0.0);
                assertThat(stats.metrics()).containsKeys(MetricNames.Rloo.KL, MetricNames.Rloo.RLHF_REWARD, MetricNames.Rloo.CLIPFRAC, MetricNames.Rloo.FRAC_REWARD_ZERO_STD);
            }
            List<float[]> policyAfter = OnlineTestModels.values(policy.entries()), referenceAfter = OnlineTestModels.values(reference.entries());
            for (int i = 0; i < policyBefore.size(); i++) {
                assertThat(Arrays.equals(policyBefore.get(i), policyAfter.get(i))).as("parameter " + policy.entries().get(i).name() + " changed").isFalse();
            }
            for (int i = 0; i < referenceBefore.size(); i++) assertThat(referenceAfter.get(i)).containsExactly(referenceBefore.get(i));
        }
    }

    @Test
    void equalScoresAndNoKlTeachNothing() {
        PolicyModel[] m = OnlineTestModels.models(4);
        try (PolicyModel policy = m[0]; PolicyModel reference = m[1]; RlooTrainer trainer = new RlooTrainer(policy, reference, config(Precision.BF16, 1, 0.0))) {
            List<int[]> q = OnlineTestModels.groupedQueries(2, 4, 5);
            List<int[]> r = trainer.generate(q, 6, 3);
            double[] same = new double[q.size()];
            Arrays.fill(same, 2.5);
            RlooStats stats = trainer.step(q, r, same);
            // Every reply's leave-one-out baseline is its own score: advantages, loss and gradient are exactly 0.
            assertThat(stats.fracZeroStd()).isEqualTo(1.0);
            assertThat(stats.advantageAbs()).isEqualTo(0.0);
            assertThat(stats.gradNorm()).isEqualTo(0.0);
            assertThat(stats.firstRatioError()).isLessThan(1e-6);
            assertThatThrownBy(() -> trainer.step(q.subList(0, 6), r.subList(0, 6), new double[6])).hasMessageContaining("multiple of rloo_k");
        }
    }

    @Test
    void badConfigurationsAreRefused() {
        assertThatThrownBy(() -> new RlooConfig(1e-5, 3, 4, 1, 1, 1, 0.2, 0.05, false, 1, 16, 6, 1, 1, 0, 0, 3, Precision.FP32, "support", 0)).hasMessageContaining("multiple of rloo_k");
        assertThatThrownBy(() -> new RlooConfig(1e-5, 1, 4, 1, 1, 1, 0.2, 0.05, false, 1, 16, 6, 1, 1, 0, 0, 3, Precision.FP32, "support", 0)).hasMessageContaining("rloo_k must be >= 2");
        assertThatThrownBy(() -> new RlooConfig(1e-5, 2, 4, 1, 1, 1, 0.2, -1, false, 1, 16, 6, 1, 1, 0, 0, 3, Precision.FP32, "support", 0)).hasMessageContaining("kl_coef");
    }
}
