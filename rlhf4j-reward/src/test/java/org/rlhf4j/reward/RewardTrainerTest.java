package org.rlhf4j.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;

class RewardTrainerTest {
    private static RewardConfig config(int freeze, int heads, int steps, double lr) {
        RewardConfig.Builder b = RewardConfig.defaults().toBuilder();
        b.batchSize = 8;
        b.maxSteps = steps;
        b.epochs = 100;
        b.freezeLayers = freeze;
        b.heads = heads;
        b.learningRate = lr;
        b.warmupSteps = 0;
        b.precision = Precision.FP32;
        b.evalEvery = 0;
        return b.build();
    }

    private static Map<String, float[]> snapshot(RewardModel m) {
        Map<String, float[]> s = new HashMap<>();
        for (String n : m.backbone().parameters().names()) s.put(n, m.backbone().parameters().values(n));
        for (String n : m.head().names()) s.put(n, m.head().values(n));
        return s;
    }

    /** Two steps: the head and every unfrozen parameter change; the embedding and block 0 (frozen) do not. */
    @Test
    void twoStepsChangeTrainableParametersAndNotFrozenOnes() {
        try (RewardModel m = TinyRewardModels.model(1, false, 3)) {
            Map<String, float[]> before = snapshot(m);
            try (RewardTrainer t = new RewardTrainer(m, config(1, 1, 2, 1e-2), List.of())) {
                RewardTrainer.Summary s = t.train(TinyRewardModels.sevensPreferred(16, 1), List.of());
                assertThat(s.steps()).isEqualTo(2);
                assertThat(s.lastLoss()).isFinite();
            }
            Map<String, float[]> after = snapshot(m);
            List<String> frozen = m.backbone().lowerLayerParameterNames(1);
            assertThat(frozen).contains("model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight").noneMatch(n -> n.startsWith("model.layers.1."));
            for (String name : before.keySet()) {
                boolean changed = !Arrays.equals(before.get(name), after.get(name));
                assertThat(changed).as(name + (frozen.contains(name) ? " is frozen" : " is trainable")).isEqualTo(!frozen.contains(name));
            }
        }
    }

    /** A tiny model learns a token-level preference rule from comparisons: held-out accuracy well above chance. */
    @Test
    @Tag("slow")
    void learnsAPreferenceRuleFromComparisons() {
        try (RewardModel m = TinyRewardModels.model(1, false, 5);
             RewardTrainer t = new RewardTrainer(m, config(0, 1, 150, 3e-3), List.of())) {
            List<RewardExample> heldOut = TinyRewardModels.sevensPreferred(200, 99);
            double before = t.evaluate(heldOut).accuracy();
            RewardTrainer.Summary s = t.train(TinyRewardModels.sevensPreferred(1200, 7), heldOut);
            assertThat(before).isBetween(0.3, 0.7);
            assertThat(s.heldOut().accuracy()).isGreaterThan(0.9);
        }
    }

    @Test
    void savedModelScoresTheSame(@TempDir Path dir) {
        List<int[]> seqs = List.of(new int[] {1, 5, 7, 2}, new int[] {1, 9, 9, 9, 9, 2}, new int[] {1, 2});
        try (RewardModel m = TinyRewardModels.model(3, true, 11)) {
            m.setNormalisation(new Normalisation(0.25, 2.0, 10));
            float[][] expected = new RewardScorer(m, Precision.FP32, 2).score(seqs);
            RewardCheckpoint.save(dir.resolve("rm"), m, null, null);
            try (RewardModel loaded = RewardCheckpoint.load(dir.resolve("rm"), ComputeDevice.CPU).model()) {
                assertThat(loaded.heads()).isEqualTo(3);
                assertThat(loaded.ordinal()).isTrue();
                assertThat(loaded.normalisation()).isEqualTo(new Normalisation(0.25, 2.0, 10));
                assertThat(loaded.template().name()).isEqualTo("support");
                float[][] got = new RewardScorer(loaded, Precision.FP32, 3).score(seqs);
                for (int i = 0; i < seqs.size(); i++) {
                    for (int h = 0; h < 3; h++) assertThat(got[i][h]).isCloseTo(expected[i][h], org.assertj.core.api.Assertions.within(1e-5f));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Padding and batch composition do not change a sequence's score. */
    @Test
    void scoresDoNotDependOnPaddingOrBatch() {
        List<int[]> seqs = List.of(new int[] {1, 5, 7, 2}, new int[] {1, 9, 9, 9, 9, 9, 9, 2}, new int[] {1, 4, 2});
        try (RewardModel m = TinyRewardModels.model(2, false, 13)) {
            float[][] together = new RewardScorer(m, Precision.FP32, 3).score(seqs);
            for (int i = 0; i < seqs.size(); i++) {
                float[][] alone = new RewardScorer(m, Precision.FP32, 1).score(List.of(seqs.get(i)));
                for (int h = 0; h < 2; h++) assertThat(together[i][h]).isCloseTo(alone[0][h], org.assertj.core.api.Assertions.within(1e-5f));
            }
        }
    }

    /** Ordinal ratings train the cut points too; ties and rankings go through the same loop. */
    @Test
    void ratingsTiesAndRankingsTrainTheHeadAndCutPoints() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        List<RewardExample> mixed = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int[] a = {1, 3 + rng.nextInt(9), 7, 2}, b = {1, 3 + rng.nextInt(9), 4, 2}, c = {1, 5, 2};
            mixed.add(new RewardExample("s" + i, List.of(a), new int[] {1}, new int[0], new int[0], new float[0], new int[0], new int[0],
                    new int[] {0}, new int[] {1 + i % 5}, null, null));
            mixed.add(new RewardExample("t" + i, List.of(a, b), new int[] {1, 1}, new int[0], new int[0], new float[0], new int[] {0}, new int[] {1},
                    new int[0], new int[0], null, null));
            mixed.add(new RewardExample("r" + i, List.of(a, b, c), new int[] {1, 1, 1}, new int[] {0, 0, 1}, new int[] {1, 2, 2}, new float[] {0, 0, 0},
                    new int[0], new int[0], new int[0], new int[0], null, null));
        }
        try (RewardModel m = TinyRewardModels.model(2, true, 4)) {
            Map<String, float[]> before = snapshot(m);
            try (RewardTrainer t = new RewardTrainer(m, config(0, 2, 3, 1e-2), List.of())) {
                assertThat(t.train(mixed, List.of()).lastLoss()).isFinite();
            }
            Map<String, float[]> after = snapshot(m);
            assertThat(after.get(RewardModel.THRESHOLDS)).isNotEqualTo(before.get(RewardModel.THRESHOLDS));
            assertThat(after.get(RewardModel.SCORE)).isNotEqualTo(before.get(RewardModel.SCORE));
        }
    }
}
