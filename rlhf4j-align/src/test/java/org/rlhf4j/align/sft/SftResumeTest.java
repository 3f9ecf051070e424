package org.rlhf4j.align.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.simulate.SupportFeedback;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.feedback.world.PretrainingCorpus;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.BpeTrainer;
import org.rlhf4j.lm.tokenizer.BpeTrainerConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import org.rlhf4j.lm.train.LmTrainingConfig;
import org.rlhf4j.lm.train.TrainingListener;

/** An SFT run stopped part-way and resumed ends with the same weights as one that never stopped. */
class SftResumeTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private static SftConfig config() {
        LmTrainingConfig t = new LmTrainingConfig(4, 64, 8, 1, new AdamWConfig(3e-3, 0.9, 0.95, 1e-8, 0.0), 2, 0.1, 1.0, 2, 2, 3, Precision.FP32, 9);
        return new SftConfig(t, 50, "support", true, true, 0.1, 0, 0.0);
    }

    private static Path base(Path dir) throws IOException {
        Engine.load();
        Engine.setThreads(1);
        SupportWorld world = SupportWorld.seeded(1234);
        Path tokenizerJson = dir.resolve("tokenizer.json");
        BpeTrainer.train(PretrainingCorpus.generate(world, 60_000).documents(), BpeTrainerConfig.defaults().withVocabSize(400)).write(tokenizerJson);
        int vocab;
        try (Tokenizer t = Tokenizer.load(tokenizerJson)) {
            vocab = t.vocabSize();
        }
        LlamaConfig c = new LlamaConfig(vocab, 32, 64, 2, 2, 1, 128, 1e-5, 10000.0, true, 1, 2, 0);
        try (LlamaModel m = new LlamaModel(c, ComputeDevice.CPU, new SplittableRandom(3))) {
            return Checkpoint.save(dir.resolve("base"), m, tokenizerJson, null);
        }
    }

    private static Path demonstrations(Path dir) {
        Path file = dir.resolve("demos.jsonl");
        try (FeedbackStore store = FeedbackStore.open(file)) {
            store.append(SupportFeedback.generate(SupportWorld.seeded(1234), Split.SFT, 0, 60, EnumSet.of(SupportFeedback.Kind.DEMONSTRATION), 3, 0.1, 5));
        }
        return file;
    }

    private static float[] weights(Path modelDir) {
        try (LlamaModel m = Checkpoint.load(modelDir, ComputeDevice.CPU).model()) {
            return m.parameters().values("model.layers.1.mlp.down_proj.weight");
        }
    }

    @Test
    void resumedRunEndsWhereAnUninterruptedOneDoes(@TempDir Path dir) throws IOException {
        Path base = base(dir), data = demonstrations(dir);
        SftTraining.Result whole = new SftTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET, 2).run(base, List.of(data), dir.resolve("whole"));
        assertThat(whole.summary().steps()).isEqualTo(8);

        Path out = dir.resolve("interrupted");
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                if (r.step() == 5) throw new IllegalStateException("simulated crash at step 5");
            }
        };
        assertThatThrownBy(() -> new SftTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET, 2, List.of(crash)).run(base, List.of(data), out))
                .hasMessageContaining("simulated crash");
        SftTraining.Result resumed = new SftTraining(SftTraining.savedConfig(out), ComputeDevice.CPU, List.of("test"), QUIET, 2).resume(List.of(data), out);
        assertThat(resumed.summary().steps()).isEqualTo(8);
        assertThat(resumed.bestStep()).isEqualTo(whole.bestStep());
        assertThat(resumed.bestHeldOutLoss()).isEqualTo(whole.bestHeldOutLoss());
        assertThat(resumed.heldOutLossBefore()).isEqualTo(whole.heldOutLossBefore());
        assertThat(weights(resumed.model())).containsExactly(weights(whole.model()));
    }

    @Test
    void resumeRefusesOtherData(@TempDir Path dir) throws IOException {
        Path base = base(dir), data = demonstrations(dir);
        Path out = dir.resolve("run");
        new SftTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET, 2).run(base, List.of(data), out);
        Path other = dir.resolve("other.jsonl");
        try (FeedbackStore store = FeedbackStore.open(other)) {
            store.append(SupportFeedback.generate(SupportWorld.seeded(7), Split.SFT, 0, 20, EnumSet.of(SupportFeedback.Kind.DEMONSTRATION), 3, 0.1, 5));
        }
        assertThatThrownBy(() -> new SftTraining(SftTraining.savedConfig(out), ComputeDevice.CPU, List.of("test"), QUIET, 2).resume(List.of(other), out))
                .hasMessageContaining("not the data this run started with");
    }
}
