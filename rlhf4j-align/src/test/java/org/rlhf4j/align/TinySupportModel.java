package org.rlhf4j.align;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.feedback.world.PretrainingCorpus;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.BpeTrainer;
import org.rlhf4j.lm.tokenizer.BpeTrainerConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/** A tiny random checkpoint (d 32, 2 layers) with a 400-token tokenizer trained on the support world's text: the base the align trainers' tests start from. */
public final class TinySupportModel {
    private TinySupportModel() {}

    public static Path write(Path dir) throws IOException {
        Engine.load();
        Engine.setThreads(1);
        Path tokenizerJson = dir.resolve("tokenizer.json");
        BpeTrainer.train(PretrainingCorpus.generate(SupportWorld.seeded(1234), 60_000).documents(), BpeTrainerConfig.defaults().withVocabSize(400)).write(tokenizerJson);
        int vocab;
        try (Tokenizer t = Tokenizer.load(tokenizerJson)) {
            vocab = t.vocabSize();
        }
        LlamaConfig c = new LlamaConfig(vocab, 32, 64, 2, 2, 1, 128, 1e-5, 10000.0, true, 1, 2, 0);
        try (LlamaModel m = new LlamaModel(c, ComputeDevice.CPU, new SplittableRandom(3))) {
            return Checkpoint.save(dir.resolve("base"), m, tokenizerJson, null);
        }
    }
}
