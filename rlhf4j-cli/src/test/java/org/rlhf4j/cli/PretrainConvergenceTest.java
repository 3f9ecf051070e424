package org.rlhf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.world.PretrainingCorpus;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.lm.pretrain.ModelShape;
import org.rlhf4j.lm.pretrain.PretrainConfig;
import org.rlhf4j.lm.pretrain.Pretraining;
import org.rlhf4j.lm.train.LmTrainingConfig;

/**
 * The real pipeline learns: a small model pretrained on the support world's corpus (BPE trained
 * on it, bf16 matmuls) brings its held-out loss from about ln(vocab) well down, in under a minute.
 */
@Tag("slow")
class PretrainConvergenceTest {
    @TempDir
    Path tmp;

    @Test
    void heldOutLossFallsOnTheSupportCorpus() throws Exception {
        Engine.setThreads(0);
        Path corpus = tmp.resolve("corpus.jsonl");
        PretrainingCorpus.generate(SupportWorld.seeded(3), 600_000).write(corpus);
        LmTrainingConfig training = new LmTrainingConfig(16, 64, 250, 1, new AdamWConfig(3e-3, 0.9, 0.95, 1e-8, 0.1),
                25, 0.1, 1.0, 125, 4, 5, Precision.BF16, 9);
        PretrainConfig config = new PretrainConfig(new ModelShape(96, 2, 4, 2, 256, 128, true), training, 1024, 0.05, 0);
        var result = new Pretraining(config, ComputeDevice.CPU, List.of("test")).run(corpus, tmp.resolve("run"), null);
        // ln(1024) = 6.93 at the start; a model that learned nothing stays near the unigram entropy (about 5).
        System.out.println("held-out loss " + result.summary().heldOutLoss());
        assertThat(result.summary().heldOutLoss()).isLessThan(2.5);
        assertThat(result.summary().skippedSteps()).isZero();
    }
}
