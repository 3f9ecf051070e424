package org.rlhf4j.align.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.TinySupportModel;
import org.rlhf4j.align.offline.OfflineExample;
import org.rlhf4j.align.offline.OfflineTrainer;
import org.rlhf4j.align.offline.OfflineTraining;
import org.rlhf4j.align.offline.ReferenceLogProbs;
import org.rlhf4j.align.offline.ReplyEncoding;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.convert.PreferencePair;
import org.rlhf4j.feedback.simulate.SupportFeedback;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/** DPO on a tiny model: the sanity check, 2-step smoke tests, the run directory, and a killed run that resumes bit-identically. */
class DpoTrainingTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    /** fp32, 2 pairs x 2 micro-batches per step, 4 steps, an evaluation and a checkpoint every 2. */
    static DpoConfig config(String lossType, boolean precompute) {
        return new DpoConfig(0.1, lossType, 0.0, 0.0, 0.5, 1e-3, 2, 2, 1, 4, 96, 48, precompute, 1.0, 2, 2, 0.2, "support", Precision.FP32, 7L);
    }

    static Path comparisons(Path dir) {
        Path file = dir.resolve("comparisons.jsonl");
        try (FeedbackStore store = FeedbackStore.open(file)) {
            store.append(SupportFeedback.generate(SupportWorld.seeded(1234), Split.RL, 0, 12, EnumSet.of(SupportFeedback.Kind.COMPARISON), 1, 0.2, 5L));
        }
        return file;
    }

    private static List<OfflineExample> examples(Path base, Path data, int n) {
        List<PreferencePair> pairs = DpoTraining.readPairs(List.of(data), QUIET);
        try (Tokenizer tok = Tokenizer.load(base.resolve("tokenizer.json"))) {
            return DpoTraining.examples(pairs.subList(0, n), new ReplyEncoding(tok, ChatTemplate.named("support"), 96, 48));
        }
    }

    private static Map<String, float[]> weights(PolicyModel p) {
        Map<String, float[]> out = new HashMap<>();
        ParameterSet ps = p.model().parameters();
        for (String n : ps.names()) out.put(n, ps.values(n));
        return out;
    }

    @Test
    void withThePolicyEqualToTheReferenceTheLossIsLn2AndTheRewardsZero(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir);
        List<OfflineExample> rows = examples(base, comparisons(dir), 4);
        DpoConfig c = config("sigmoid", false);
        try (PolicyModel policy = PolicyCheckpoint.load(base, ComputeDevice.CPU, false, null).policy();
             PolicyModel reference = PolicyCheckpoint.load(base, ComputeDevice.CPU, false, null).policy();
             OfflineTrainer trainer = new OfflineTrainer(policy, reference, new DpoObjective(c), c)) {
            Map<String, Double> before = trainer.evaluate(rows, null);
            assertThat(before.get(MetricNames.Eval.LOSS)).isCloseTo(Math.log(2), within(1e-6));
            assertThat(before.get("eval/" + MetricNames.Dpo.REWARDS_CHOSEN)).isEqualTo(0.0);
            assertThat(before.get("eval/" + MetricNames.Dpo.REWARDS_REJECTED)).isEqualTo(0.0);
            assertThat(before.get("eval/" + MetricNames.Dpo.REWARDS_MARGINS)).isEqualTo(0.0);
            // The cached reference agrees with the reference run beside the policy.
            float[][] cached = ReferenceLogProbs.compute(reference.model(), Precision.FP32, 3, rows);
            assertThat(trainer.evaluate(rows, cached).get(MetricNames.Eval.LOSS)).isCloseTo(Math.log(2), within(1e-5));
        }
    }

    /** Two steps of each loss type change every parameter of the policy and none of the reference's. */
    @Test
    void twoStepsChangeThePolicyAndLeaveTheReference(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir);
        List<OfflineExample> rows = examples(base, comparisons(dir), 4);
        for (String type : DpoConfig.LOSS_TYPES) {
            DpoConfig c = config(type, false);
            try (PolicyModel policy = PolicyCheckpoint.load(base, ComputeDevice.CPU, false, null).policy();
                 PolicyModel reference = PolicyCheckpoint.load(base, ComputeDevice.CPU, false, null).policy();
                 OfflineTrainer trainer = new OfflineTrainer(policy, c.usesReference() ? reference : null, new DpoObjective(c), c)) {
                Map<String, float[]> p0 = weights(policy), r0 = weights(reference);
                Map<String, Double> first = trainer.step(rows, null);
                Map<String, Double> second = trainer.step(rows, null);
                assertThat(first.get(MetricNames.Train.LOSS)).as(type).isFinite();
                assertThat(second).as(type).containsKeys(MetricNames.Dpo.REWARDS_CHOSEN, MetricNames.Dpo.REWARDS_REJECTED, MetricNames.Dpo.REWARDS_MARGINS,
                        MetricNames.Dpo.REWARDS_ACCURACIES, MetricNames.Dpo.LOGPS_CHOSEN, MetricNames.Dpo.LOGPS_REJECTED, MetricNames.Dpo.NLL_LOSS);
                Map<String, float[]> p1 = weights(policy), r1 = weights(reference);
                for (String n : p0.keySet()) {
                    assertThat(p1.get(n)).as(type + " " + n + " changed").isNotEqualTo(p0.get(n));
                    assertThat(r1.get(n)).as(type + " reference " + n).containsExactly(r0.get(n));
                }
                if (type.equals("sigmoid")) assertThat(second.get(MetricNames.Dpo.REWARDS_MARGINS)).as("the margin grows after a step").isGreaterThan(0);
            }
        }
    }

    @Test
    void aRunDirectoryHoldsConfigCacheMetricsModelAndReport(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir), data = comparisons(dir), out = dir.resolve("dpo");
        OfflineTraining.Result r = new DpoTraining(config("sigmoid", true), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, List.of(data), List.of(), out);
        assertThat(r.steps()).isEqualTo(4);
        for (String f : List.of("dpo-config.json", "dpo-run.json", "run.json", MetricsSink.FILE_NAME, ReferenceLogProbs.FILE, "report.html", "rewards.svg", "logps.svg", "accuracy.svg")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(r.evaluations()).extracting(m -> m.get(MetricsSink.STEP)).containsExactly(0.0, 2.0, 4.0);
        assertThat(r.last()).containsKey("eval/" + MetricNames.Dpo.REWARDS_ACCURACIES);
        assertThat(r.first().get(MetricNames.Eval.LOSS)).isCloseTo(Math.log(2), within(1e-5));
        assertThat(DpoTraining.savedConfig(out)).isEqualTo(config("sigmoid", true));
        try (PolicyModel back = PolicyCheckpoint.load(r.model(), ComputeDevice.CPU, false, null).policy()) {
            assertThat(back.model().config().numHiddenLayers()).isEqualTo(2);
        }
        assertThatThrownBy(() -> new DpoTraining(config("sigmoid", true), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, List.of(data), List.of(), out))
                .hasMessageContaining("already holds a run");
    }

    @Test
    void aRunKilledAfterACheckpointResumesBitIdentically(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir), data = comparisons(dir);
        OfflineTraining.Result whole = new DpoTraining(config("sigmoid", true), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, List.of(data), List.of(), dir.resolve("whole"));
        Path out = dir.resolve("killed");
        OfflineTraining.Listener crash = new OfflineTraining.Listener() {
            @Override
            public void onStep(int step, Map<String, Double> figures) {
                if (step == 3) throw new IllegalStateException("simulated kill at step 3");
            }
        };
        assertThatThrownBy(() -> new DpoTraining(config("sigmoid", true), ComputeDevice.CPU, List.of("test"), QUIET, List.of(crash)).run(base, null, List.of(data), List.of(), out))
                .hasMessageContaining("simulated kill");
        OfflineTraining.Result resumed = new DpoTraining(DpoTraining.savedConfig(out), ComputeDevice.CPU, List.of("test"), QUIET).resume(List.of(data), List.of(), out);
        assertThat(resumed.steps()).isEqualTo(4);
        try (SafetensorsReader a = SafetensorsReader.open(whole.model().resolve(Checkpoint.WEIGHTS));
             SafetensorsReader b = SafetensorsReader.open(resumed.model().resolve(Checkpoint.WEIGHTS))) {
            assertThat(b.names()).containsExactlyInAnyOrderElementsOf(a.names());
            for (String name : a.names()) assertThat(b.floats(name)).as(name).containsExactly(a.floats(name));
        }
        assertThat(withoutTimes(MetricsSink.read(out.resolve(MetricsSink.FILE_NAME)))).isEqualTo(withoutTimes(MetricsSink.read(dir.resolve("whole").resolve(MetricsSink.FILE_NAME))));
    }

    @Test
    void feedbackWithoutPairsIsAUserErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path ratingsOnly = dir.resolve("one-rating.jsonl");
        try (FeedbackStore store = FeedbackStore.open(ratingsOnly)) {
            store.append(SupportFeedback.generate(SupportWorld.seeded(1234), Split.RL, 0, 1, EnumSet.of(SupportFeedback.Kind.RATING), 1, 0.2, 5L));
        }
        assertThatThrownBy(() -> DpoTraining.readPairs(List.of(ratingsOnly), QUIET)).isInstanceOf(UserError.class)
                .hasMessageContaining(ratingsOnly.toString()).hasMessageContaining("no preference pairs");
        Path missing = dir.resolve("missing.jsonl");
        assertThatThrownBy(() -> DpoTraining.readPairs(List.of(missing), QUIET)).isInstanceOf(UserError.class).hasMessageContaining("not found");
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"prompt\": \"hi\", \"chosen\": \"a\"}\n");
        assertThatThrownBy(() -> DpoTraining.readPairs(List.of(broken), QUIET)).isInstanceOf(UserError.class).hasMessageContaining(broken.toString());
    }

    static List<Map<String, Object>> withoutTimes(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(r);
            m.keySet().removeIf(k -> k.equals(MetricsSink.TIME) || k.startsWith("time/"));
            out.add(m);
        }
        return out;
    }
}
