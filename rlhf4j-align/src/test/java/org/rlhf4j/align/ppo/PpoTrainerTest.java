package org.rlhf4j.align.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ValueHead;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.rl.KlPenalty;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;

class PpoTrainerTest {
    static final LlamaConfig TINY = new LlamaConfig(32, 32, 64, 2, 4, 2, 64, 1e-5, 10000.0, true, 1, 2, 0);
    static final int TARGET = 7;

    static PpoConfig config(Precision precision, double klCoef, boolean adaptive, KlPenalty.Estimator estimator) {
        PpoConfig d = PpoConfig.defaults();
        return new PpoConfig(1e-3, 8, 4, 1, 2, d.gamma(), d.lam(), d.cliprange(), d.cliprangeValue(), d.vfCoef(), 0.0, false,
                adaptive, klCoef, estimator, d.target(), d.horizon(), false, 1.0, 1.0, false, 0, false, false, 10.0, 0.0,
                1.0, 6, 6, 16, 10, 0, 0, 3, precision, "support", 42L);
    }

    /** Policy and reference with equal weights, from one init seed. */
    static PolicyModel[] models(long seed) {
        Engine.load();
        Engine.setThreads(1);
        LlamaModel p = new LlamaModel(TINY, ComputeDevice.CPU, new SplittableRandom(seed));
        LlamaModel r = new LlamaModel(TINY, ComputeDevice.CPU, new SplittableRandom(seed));
        return new PolicyModel[] {new PolicyModel(p, ValueHead.initialise(TINY.hiddenSize(), ComputeDevice.CPU, new SplittableRandom(seed + 1))), new PolicyModel(r, null)};
    }

    static List<int[]> queries(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> q = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] ids = new int[2 + rng.nextInt(4)];
            ids[0] = 1;
            for (int j = 1; j < ids.length; j++) ids[j] = 3 + rng.nextInt(28);
            q.add(ids);
        }
        return q;
    }

    /** The toy task's reward: the share of response tokens that are the target token. */
    static double[] targetShare(List<int[]> responses) {
        double[] s = new double[responses.size()];
        for (int i = 0; i < s.length; i++) {
            int hits = 0;
            for (int t : responses.get(i)) if (t == TARGET) hits++;
            s[i] = (double) hits / responses.get(i).length;
        }
        return s;
    }

    @Test
    void firstMicroBatchRatioIsExactlyOneInFp32AndBf16() {
        for (Precision precision : List.of(Precision.FP32, Precision.BF16)) {
            PolicyModel[] m = models(3);
            try (PolicyModel policy = m[0]; PolicyModel reference = m[1];
                 PpoTrainer trainer = new PpoTrainer(policy, reference, config(precision, 0.05, true, KlPenalty.Estimator.KL))) {
                List<int[]> q = queries(8, 5);
                List<int[]> r = trainer.generate(q, 6, 11);
                PpoStats s = trainer.step(q, r, targetShare(r));
                assertThat(s.firstRatioError()).as(precision + " |ratio - 1| on the first micro-batch").isLessThan(1e-6);
                // Policy equals reference before the first update: the KL penalty is exactly 0.
                assertThat(s.meanKl()).as(precision + " KL before any update").isEqualTo(0.0);
                assertThat(s.approxKl()).isFinite();
            }
        }
    }

    @Test
    void twoStepsChangeThePolicyAndValueHeadButNotTheReference() {
        PolicyModel[] m = models(4);
        try (PolicyModel policy = m[0]; PolicyModel reference = m[1];
             PpoTrainer trainer = new PpoTrainer(policy, reference, config(Precision.FP32, 0.05, true, KlPenalty.Estimator.K3))) {
            List<float[]> policyBefore = values(policy.entries()), referenceBefore = values(reference.entries());
            for (int step = 0; step < 2; step++) {
                List<int[]> q = queries(8, 20 + step);
                List<int[]> r = trainer.generate(q, 6, 30 + step);
                PpoStats s = trainer.step(q, r, targetShare(r));
                assertThat(s.totalLoss()).isFinite();
                assertThat(s.epochsDone()).isEqualTo(2);
            }
            List<float[]> policyAfter = values(policy.entries()), referenceAfter = values(reference.entries());
            for (int i = 0; i < policyBefore.size(); i++) {
                assertThat(Arrays.equals(policyBefore.get(i), policyAfter.get(i))).as("parameter " + policy.entries().get(i).name() + " changed").isFalse();
            }
            for (int i = 0; i < referenceBefore.size(); i++) {
                assertThat(referenceAfter.get(i)).as("reference " + reference.entries().get(i).name() + " unchanged").containsExactly(referenceBefore.get(i));
            }
            assertThat(trainer.stepsDone()).isEqualTo(2);
        }
    }

    static List<float[]> values(List<ParameterSet.Entry> entries) {
        List<float[]> out = new ArrayList<>();
        for (ParameterSet.Entry e : entries) out.add(org.rlhf4j.core.tensor.TensorData.toFloats(e.tensor().detach()));
        return out;
    }

    /** Mean reward and mean KL over the last steps of a run on the toy task. */
    static double[] train(double klCoef, boolean adaptive, int steps) {
        PolicyModel[] m = models(9);
        try (PolicyModel policy = m[0]; PolicyModel reference = m[1];
             PpoTrainer trainer = new PpoTrainer(policy, reference, config(Precision.FP32, klCoef, adaptive, KlPenalty.Estimator.KL))) {
            double reward = 0, kl = 0, first = Double.NaN;
            int last = 5;
            for (int step = 0; step < steps; step++) {
                List<int[]> q = queries(8, 100 + step);
                List<int[]> r = trainer.generate(q, 6, 200 + step);
                double[] s = targetShare(r);
                PpoStats st = trainer.step(q, r, s);
                double mean = Arrays.stream(s).average().orElseThrow();
                if (step == 0) first = mean;
                if (step >= steps - last) {
                    reward += mean / last;
                    kl += st.meanKl() / last;
                }
            }
            return new double[] {first, reward, kl};
        }
    }

    @Test
    @Tag("slow")
    void ppoLearnsToSayTheTargetTokenWithinAStatedKl() {
        double[] r = train(0.02, false, 60);
        // At init the target token is one of 32: about 3% of tokens. After 60 steps of 8 replies it dominates.
        assertThat(r[0]).isLessThan(0.2);
        assertThat(r[1]).as("mean share of target tokens over the last 5 steps").isGreaterThan(0.6);
        assertThat(r[2]).as("KL to the reference, nats per reply").isLessThan(30);
    }

    @Test
    @Tag("slow")
    void aLargeKlCoefficientKeepsThePolicyNearTheReference() {
        double[] free = train(0.02, false, 40);
        double[] held = train(5.0, false, 40);
        assertThat(held[2]).as("KL with beta 5").isLessThan(free[2] / 4);
        assertThat(held[1]).as("reward with beta 5").isLessThan(free[1]);
    }
}
