package org.rlhf4j.lm.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.train.LmTrainingConfig;
import org.rlhf4j.lm.train.TrainingListener;

/** A run stopped part-way and resumed from its last checkpoint ends bit-identical to one that never stopped. */
class PretrainingResumeTest {
    @TempDir
    static Path tmp;
    static Path corpus;

    static final PretrainConfig CONFIG = new PretrainConfig(new ModelShape(32, 1, 2, 1, 64, 64, true),
            new LmTrainingConfig(4, 32, 12, 1, new AdamWConfig(3e-3, 0.9, 0.95, 1e-8, 0.1), 2, 0.1, 1.0, 6, 2, 3, Precision.FP32, 5),
            300, 0.1, 4);

    @BeforeAll
    static void corpus() throws IOException {
        Engine.setThreads(1); // one thread: reductions in a fixed order, so runs are bit-identical
        String[] words = {"order", "refund", "the", "parcel", "arrived", "late", "please", "help", "my", "account", "password", "thanks"};
        SplittableRandom r = new SplittableRandom(1);
        StringBuilder text = new StringBuilder();
        for (int d = 0; d < 300; d++) {
            for (int w = 0; w < 20 + r.nextInt(20); w++) text.append(words[r.nextInt(words.length)]).append(w % 7 == 6 ? ".\n" : " ");
            text.append("\n\n");
        }
        corpus = tmp.resolve("corpus.txt");
        Files.writeString(corpus, text);
    }

    private static List<float[]> weights(Path modelDir) {
        try (LlamaModel m = Checkpoint.load(modelDir, ComputeDevice.CPU).model()) {
            List<float[]> out = new ArrayList<>();
            for (String n : m.parameters().names()) out.add(m.parameters().values(n));
            return out;
        }
    }

    @Test
    void resumedRunMatchesUninterruptedRun() throws IOException {
        Path straight = tmp.resolve("straight"), interrupted = tmp.resolve("interrupted");
        new Pretraining(CONFIG, ComputeDevice.CPU, List.of("test")).run(corpus, straight, null);

        TrainingListener crash = new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                if (r.step() == 7) throw new IllegalStateException("simulated crash at step 7");
            }
        };
        assertThatThrownBy(() -> new Pretraining(CONFIG, ComputeDevice.CPU, List.of("test"), List.of(crash)).run(corpus, interrupted, null))
                .hasMessageContaining("simulated crash");
        assertThat(Pretraining.latestCheckpoint(interrupted).getFileName().toString()).isEqualTo("step-000004");
        assertThat(interrupted.resolve("model")).doesNotExist();

        var resumed = new Pretraining(Pretraining.savedConfig(interrupted), ComputeDevice.CPU, List.of("test")).resume(corpus, interrupted);
        assertThat(resumed.summary().steps()).isEqualTo(12);
        List<float[]> a = weights(straight.resolve("model")), b = weights(interrupted.resolve("model"));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) assertThat(b.get(i)).as("parameter %d", i).containsExactly(a.get(i));
    }

    @Test
    void resumingWithoutACheckpointOrWithAnotherCorpusIsAClearError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> new Pretraining(CONFIG, ComputeDevice.CPU, List.of()).resume(corpus, empty))
                .isInstanceOf(UserError.class).hasMessageContaining("no complete checkpoint to resume from");

        Path run = tmp.resolve("short");
        PretrainConfig fourSteps = new PretrainConfig(CONFIG.model(), CONFIG.training().withMaxSteps(4), 300, 0.1, 2);
        new Pretraining(fourSteps, ComputeDevice.CPU, List.of()).run(corpus, run, null);
        Path other = tmp.resolve("other.txt");
        Files.writeString(other, Files.readString(corpus) + "\n\nextra document");
        assertThatThrownBy(() -> new Pretraining(fourSteps, ComputeDevice.CPU, List.of()).resume(other, run))
                .isInstanceOf(UserError.class).hasMessageContaining("not the corpus this run started with");
    }
}
