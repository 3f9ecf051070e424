package org.rlhf4j.align.kto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.TinySupportModel;
import org.rlhf4j.align.offline.OfflineExample;
import org.rlhf4j.align.offline.OfflineTrainer;
import org.rlhf4j.align.offline.OfflineTraining;
import org.rlhf4j.align.offline.ReplyEncoding;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.format.UnpairedExample;
import org.rlhf4j.feedback.simulate.SupportFeedback;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/** KTO on a tiny model: TRL's unpaired format and split pairs as input, 2 steps that change the policy and not the reference, a run directory. */
class KtoTrainingTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    static KtoConfig config() {
        return new KtoConfig(0.1, 1.0, 1.0, 1e-3, 2, 2, 1, 4, 96, 48, true, 1.0, 2, 2, 0.2, "support", Precision.FP32, 7L);
    }

    static Path unpaired(Path dir) throws IOException {
        Path file = dir.resolve("unpaired.jsonl");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append("{\"prompt\": \"Where is my order #1234").append(i).append("?\", \"completion\": \"Your order ships tomorrow.\", \"label\": true}\n");
            s.append("{\"prompt\": \"I want a refund for order #5").append(i).append(".\", \"completion\": \"No.\", \"label\": false}\n");
        }
        Files.writeString(file, s);
        return file;
    }

    static Path comparisons(Path dir) {
        Path file = dir.resolve("comparisons.jsonl");
        try (FeedbackStore store = FeedbackStore.open(file)) {
            store.append(SupportFeedback.generate(SupportWorld.seeded(1234), Split.RL, 0, 3, EnumSet.of(SupportFeedback.Kind.COMPARISON), 1, 0.2, 5L));
        }
        return file;
    }

    @Test
    void readsTrlUnpairedFilesAndSplitsPairsIntoDesirableAndUndesirable(@TempDir Path dir) throws IOException {
        List<UnpairedExample> a = KtoTraining.readUnpaired(List.of(unpaired(dir)), QUIET);
        assertThat(a).hasSize(12);
        assertThat(a).filteredOn(UnpairedExample::desirable).hasSize(6);
        List<UnpairedExample> b = KtoTraining.readUnpaired(List.of(comparisons(dir)), QUIET);
        assertThat(b).hasSize(6);
        assertThat(b.get(0).desirable()).isTrue();
        assertThat(b.get(1).desirable()).isFalse();
        assertThat(b.get(0).prompt()).isEqualTo(b.get(1).prompt());
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"prompt\": \"hi\", \"completion\": \"yo\", \"label\": \"maybe\"}\n");
        assertThatThrownBy(() -> KtoTraining.readUnpaired(List.of(bad), QUIET)).isInstanceOf(UserError.class);
    }

    @Test
    void eachExamplesMismatchedReplyIsAnotherExamplesReplyAfterItsOwnPrompt(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir);
        try (Tokenizer tok = Tokenizer.load(base.resolve("tokenizer.json"))) {
            ReplyEncoding enc = new ReplyEncoding(tok, ChatTemplate.named("support"), 96, 48);
            List<UnpairedExample> unpaired = KtoTraining.readUnpaired(List.of(unpaired(dir)), QUIET);
            List<OfflineExample> ex = KtoTraining.examples(unpaired, enc, new SplittableRandom(1));
            int mismatched = 0;
            for (OfflineExample e : ex) {
                assertThat(e.queries()[1]).isEqualTo(e.queries()[0]);
                if (!java.util.Arrays.equals(e.replies()[1], e.replies()[0])) mismatched++;
            }
            assertThat(mismatched).as("replies differ from the own one unless both are the same text").isGreaterThan(0);
        }
    }

    @Test
    void twoStepsChangeThePolicyAndLeaveTheReference(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir);
        List<OfflineExample> rows;
        try (Tokenizer tok = Tokenizer.load(base.resolve("tokenizer.json"))) {
            rows = KtoTraining.examples(KtoTraining.readUnpaired(List.of(unpaired(dir)), QUIET).subList(0, 4), new ReplyEncoding(tok, ChatTemplate.named("support"), 96, 48),
                    new SplittableRandom(1));
        }
        KtoConfig c = config();
        try (PolicyModel policy = PolicyCheckpoint.load(base, ComputeDevice.CPU, false, null).policy();
             PolicyModel reference = PolicyCheckpoint.load(base, ComputeDevice.CPU, false, null).policy();
             OfflineTrainer trainer = new OfflineTrainer(policy, reference, new KtoObjective(c), c)) {
            Map<String, float[]> p0 = weights(policy), r0 = weights(reference);
            Map<String, Double> first = trainer.step(rows, null);
            assertThat(first.get(MetricNames.Train.LOSS)).as("policy = reference: r = z0 = 0, each loss is sigmoid(0) = 0.5").isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(first.get(MetricNames.Dpo.KL)).isEqualTo(0.0);
            Map<String, Double> second = trainer.step(rows, null);
            assertThat(second).containsKeys(MetricNames.Dpo.REWARDS_CHOSEN, MetricNames.Dpo.REWARDS_REJECTED, MetricNames.Dpo.KL);
            Map<String, float[]> p1 = weights(policy), r1 = weights(reference);
            for (String n : p0.keySet()) {
                assertThat(p1.get(n)).as(n + " changed").isNotEqualTo(p0.get(n));
                assertThat(r1.get(n)).as("reference " + n).containsExactly(r0.get(n));
            }
        }
    }

    @Test
    void aRunDirectoryHoldsConfigMetricsModelAndReport(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir), out = dir.resolve("kto");
        OfflineTraining.Result r = new KtoTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, List.of(unpaired(dir)), List.of(), out);
        assertThat(r.steps()).isEqualTo(4);
        for (String f : List.of("kto-config.json", "kto-run.json", "run.json", MetricsSink.FILE_NAME, "report.html", "kl.svg")) assertThat(out.resolve(f)).as(f).isRegularFile();
        assertThat(KtoTraining.savedConfig(out)).isEqualTo(config());
    }

    private static Map<String, float[]> weights(PolicyModel p) {
        Map<String, float[]> out = new HashMap<>();
        ParameterSet ps = p.model().parameters();
        for (String n : ps.names()) out.put(n, ps.values(n));
        return out;
    }
}
