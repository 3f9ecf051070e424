package org.rlhf4j.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.model.TinyModels;

class LmTrainerTest {
    private static LmTrainingConfig config(int steps, double lr, Precision precision) {
        return new LmTrainingConfig(4, 16, steps, 1, new AdamWConfig(lr, 0.9, 0.95, 1e-8, 0.0), 0, 1.0, 1.0, 0, 2, 3, precision, 1);
    }

    private static TokenCorpus corpus(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) tokens[i] = 3 + r.nextInt(40);
        return new TokenCorpus(tokens, 0.2, 16);
    }

    @Test
    void twoStepsChangeEveryParameter() {
        for (Precision precision : Precision.values()) {
            try (LlamaModel m = TinyModels.model(false, 21)) {
                Map<String, float[]> before = new HashMap<>();
                for (String n : m.parameters().names()) before.put(n, m.parameters().values(n));
                TokenCorpus c = corpus(400, 1);
                SplittableRandom rng = new SplittableRandom(2);
                try (LmTrainer t = new LmTrainer(m, config(2, 1e-2, precision), List.of())) {
                    var summary = t.train(() -> c.trainBatch(4, 16, rng), List.of(c.heldOutBatch(4, 16, rng)));
                    assertThat(summary.lastTrainLoss()).isFinite();
                    assertThat(summary.heldOutLoss()).isFinite();
                }
                for (String n : m.parameters().names()) {
                    assertThat(Arrays.equals(before.get(n), m.parameters().values(n))).as(precision + ": " + n + " changed").isFalse();
                }
            }
        }
    }

    /**
     * Two micro-batches of 2 rows accumulated into one step must update the weights like one batch
     * of the same 4 rows (each micro-batch has the same number of target tokens, so the mean of
     * the two means is the mean over all rows). Adam's first step is lr * sign(g), which turns
     * rounding-level gradient differences near zero into whole steps; epsilon 1 makes the update
     * about lr * g / (|g| + 1), linear in the gradient, so the weights compare the gradients.
     */
    @Test
    void gradientAccumulationEqualsOneLargerBatch() {
        TokenCorpus c = corpus(400, 8);
        List<LmBatch> rows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 2; i++) rows.add(c.trainBatch(2, 16, r));
        LmBatch whole = new LmBatch(4, 16, concat(rows.get(0).inputs(), rows.get(1).inputs()), concat(rows.get(0).targets(), rows.get(1).targets()), null);
        float[] accumulated, single, before;
        try (LlamaModel m = TinyModels.model(false, 24);
             LmTrainer t = new LmTrainer(m, new LmTrainingConfig(2, 16, 1, 2, new AdamWConfig(1e-2, 0.9, 0.95, 1.0, 0.0), 0, 1.0, 1.0, 0, 1, 3, Precision.FP32, 1), List.of())) {
            var it = rows.iterator();
            t.train(it::next, List.of());
            accumulated = m.parameters().values("model.layers.0.self_attn.q_proj.weight");
        }
        try (LlamaModel fresh = TinyModels.model(false, 24)) {
            before = fresh.parameters().values("model.layers.0.self_attn.q_proj.weight");
        }
        try (LlamaModel m = TinyModels.model(false, 24);
             LmTrainer t = new LmTrainer(m, new LmTrainingConfig(4, 16, 1, 1, new AdamWConfig(1e-2, 0.9, 0.95, 1.0, 0.0), 0, 1.0, 1.0, 0, 1, 3, Precision.FP32, 1), List.of())) {
            t.train(() -> whole, List.of());
            single = m.parameters().values("model.layers.0.self_attn.q_proj.weight");
        }
        assertThat(accumulated).containsExactly(single, org.assertj.core.api.Assertions.within(1e-8f));
        assertThat(Arrays.equals(accumulated, before)).as("the step moved the weights").isFalse();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void overfitsATinyCorpus() {
        try (LlamaModel m = TinyModels.model(true, 22)) {
            // A fixed 48-token cycle: the model can learn it exactly.
            int[] tokens = new int[600];
            SplittableRandom r = new SplittableRandom(5);
            int[] cycle = new int[48];
            for (int i = 0; i < cycle.length; i++) cycle[i] = 3 + r.nextInt(40);
            for (int i = 0; i < tokens.length; i++) tokens[i] = cycle[i % cycle.length];
            TokenCorpus c = new TokenCorpus(tokens, 0.2, 16);
            SplittableRandom rng = new SplittableRandom(6);
            try (LmTrainer t = new LmTrainer(m, config(150, 1e-2, Precision.FP32), List.of())) {
                double initial = t.evaluate(List.of(c.heldOutBatch(4, 16, new SplittableRandom(9))));
                var summary = t.train(() -> c.trainBatch(4, 16, rng), List.of(c.heldOutBatch(4, 16, new SplittableRandom(9))));
                assertThat(initial).isGreaterThan(3.0);                 // about ln 48 = 3.87 at the start
                assertThat(summary.heldOutLoss()).isLessThan(0.3);     // memorised
            }
        }
    }

    @Test
    void nonFiniteStepsAreSkippedThenTrainingStopsWithAClearMessage() {
        try (LlamaModel m = TinyModels.model(false, 23)) {
            String norm = "model.norm.weight";
            float[] nan = new float[m.config().hiddenSize()];
            Arrays.fill(nan, Float.NaN);
            m.parameters().assign(norm, nan, new long[] {nan.length});
            float[] embedBefore = m.parameters().values("model.embed_tokens.weight");
            TokenCorpus c = corpus(400, 3);
            SplittableRandom rng = new SplittableRandom(4);
            List<TrainingListener.StepReport> reports = new ArrayList<>();
            try (LmTrainer t = new LmTrainer(m, config(10, 1e-2, Precision.FP32), List.of(new TrainingListener() {
                @Override
                public void onStep(StepReport report) {
                    reports.add(report);
                }
            }))) {
                assertThatThrownBy(() -> t.train(() -> c.trainBatch(4, 16, rng), List.of()))
                        .isInstanceOf(org.rlhf4j.core.nn.NonFiniteGuard.DivergedException.class)
                        .hasMessageContaining("3 steps in a row had a non-finite loss or gradient");
            }
            assertThat(reports).hasSize(2).allMatch(TrainingListener.StepReport::skipped);
            assertThat(m.parameters().values("model.embed_tokens.weight")).containsExactly(embedBefore);
        }
    }
}
