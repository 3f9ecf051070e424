package org.rlhf4j.align.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.OnlineTestModels;
import org.rlhf4j.core.rl.GroupPolicyLoss;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.tensor.Precision;

/** Two GRPO steps on a tiny model: the first ratio is exactly 1, the loss is ~0 while the policy moves, the reference stays. */
class GrpoTrainerTest {
    static GrpoConfig config(Precision precision, double beta, GroupPolicyLoss.LossType type, int iterations) {
        GrpoConfig d = GrpoConfig.defaults();
        return new GrpoConfig(1e-2, 4, 4, 2, 0, iterations, beta, 0.2, 0, type, true, 1.0, 16, 6, 1.0, 10, 0, 0, 3, precision, "support", 42L);
    }

    /** 2 prompts, each 4 times in a row. */
    static List<int[]> groupedQueries() {
        return OnlineTestModels.groupedQueries(2, 4, 5);
    }

    @Test
    void twoStepsMoveEveryPolicyParameterAndLeaveTheReference() {
        for (GroupPolicyLoss.LossType type : GroupPolicyLoss.LossType.values()) {
            PolicyModel[] m = OnlineTestModels.models(3);
            try (PolicyModel policy = m[0]; PolicyModel reference = m[1];
                 GrpoTrainer trainer = new GrpoTrainer(policy, reference, config(Precision.FP32, 0.04, type, 1))) {
                List<float[]> policyBefore = OnlineTestModels.values(policy.entries()), referenceBefore = OnlineTestModels.values(reference.entries());
                List<int[]> q = groupedQueries();
                for (int s = 0; s < 2; s++) {
                    List<int[]> r = trainer.generate(q, 6, 11 + s);
                    GrpoStats stats = trainer.step(q, r, OnlineTestModels.targetShare(r));
                    assertThat(stats.step()).isEqualTo(s + 1);
                    assertThat(stats.firstRatioError()).as(type + ": |ratio - 1| before the update").isLessThan(1e-6);
                    // One iteration: the surrogate's value is -mean(A) = 0 per group (grpo: up to the per-sequence length weighting),
                    // while the gradient is not 0.
                    if (type == GroupPolicyLoss.LossType.GRPO && stats.fracRewardZeroStd() == 0) assertThat(Math.abs(stats.loss())).isLessThan(0.5);
                    assertThat(stats.gradNorm()).isGreaterThan(0);
                    assertThat(stats.metrics()).containsKeys(MetricNames.Grpo.REWARD, MetricNames.Grpo.REWARD_STD, MetricNames.Grpo.FRAC_REWARD_ZERO_STD,
                            MetricNames.Grpo.KL, MetricNames.Grpo.CLIP_RATIO_REGION, MetricNames.Grpo.COMPLETIONS_MEAN_LENGTH);
                }
                assertThat(trainer.stepsDone()).isEqualTo(2);
                List<float[]> policyAfter = OnlineTestModels.values(policy.entries()), referenceAfter = OnlineTestModels.values(reference.entries());
                for (int i = 0; i < policyBefore.size(); i++) {
                    assertThat(Arrays.equals(policyBefore.get(i), policyAfter.get(i))).as(type + ": parameter " + policy.entries().get(i).name() + " changed").isFalse();
                }
                for (int i = 0; i < referenceBefore.size(); i++) {
                    assertThat(referenceAfter.get(i)).as("reference " + reference.entries().get(i).name() + " unchanged").containsExactly(referenceBefore.get(i));
                }
            }
        }
    }

    @Test
    void firstRatioIsExactlyOneInBf16AndAZeroVarianceBatchGivesAZeroLoss() {
        PolicyModel[] m = OnlineTestModels.models(4);
        try (PolicyModel policy = m[0]; PolicyModel reference = m[1];
             GrpoTrainer trainer = new GrpoTrainer(policy, reference, config(Precision.BF16, 0.0, GroupPolicyLoss.LossType.BNPO, 2))) {
            List<int[]> q = groupedQueries();
            List<int[]> r = trainer.generate(q, 6, 3);
            double[] same = new double[q.size()];
            Arrays.fill(same, 0.7);
            GrpoStats stats = trainer.step(q, r, same);
            assertThat(stats.firstRatioError()).isLessThan(1e-6);
            // Every group has zero variance: every advantage is 0, beta is 0, so the loss is exactly 0 and nothing is learnt.
            assertThat(stats.fracRewardZeroStd()).isEqualTo(1.0);
            assertThat(stats.loss()).isEqualTo(0.0);
            assertThat(stats.gradNorm()).isEqualTo(0.0);
            assertThatThrownBy(() -> trainer.step(q.subList(0, 6), r.subList(0, 6), new double[6])).hasMessageContaining("multiple of num_generations");
        }
    }

    @Test
    void badConfigurationsAreRefused() {
        GrpoConfig d = GrpoConfig.defaults();
        assertThatThrownBy(() -> new GrpoConfig(1e-5, 3, 4, 1, 0, 1, 0, 0.2, 0, GroupPolicyLoss.LossType.GRPO, true, 1, 16, 6, 1, 1, 0, 0, 3, Precision.FP32, "support", 0))
                .hasMessageContaining("multiple of num_generations");
        assertThatThrownBy(() -> new GrpoConfig(1e-5, 1, 4, 1, 0, 1, 0, 0.2, 0, GroupPolicyLoss.LossType.GRPO, true, 1, 16, 6, 1, 1, 0, 0, 3, Precision.FP32, "support", 0))
                .hasMessageContaining("num_generations must be >= 2");
        assertThatThrownBy(() -> new GrpoConfig(1e-5, 2, 4, 1, 0, 1, -1, 0.2, 0, GroupPolicyLoss.LossType.GRPO, true, 1, 16, 6, 1, 1, 0, 0, 3, Precision.FP32, "support", 0))
                .hasMessageContaining("beta");
        assertThat(d.upperClip()).isEqualTo(d.epsilon());
        assertThat(d.promptsPerStep() * d.numGenerations()).isEqualTo(d.generationBatch());
    }
}
