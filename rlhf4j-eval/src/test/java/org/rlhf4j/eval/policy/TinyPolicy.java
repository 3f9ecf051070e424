package org.rlhf4j.eval.policy;

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
import org.rlhf4j.lm.tokenizer.SpecialTokens;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/** Tiny random checkpoints (d 32, 2 layers, vocabulary about 400 trained on the support world's text) for tests. */
public final class TinyPolicy {
    private TinyPolicy() {}

    /** A tokenizer.json in {@code dir}. */
    public static Path tokenizer(Path dir) throws IOException {
        Engine.load();
        Engine.setThreads(1);
        Path tokenizerJson = dir.resolve("tokenizer.json");
        BpeTrainer.train(PretrainingCorpus.generate(SupportWorld.seeded(1234), 60_000).documents(), new BpeTrainerConfig(400, 2, SpecialTokens.DEFAULTS, false)).write(tokenizerJson);
        return tokenizerJson;
    }

    /** A checkpoint folder {@code dir/name} with random weights from {@code initSeed}. */
    public static Path checkpoint(Path dir, String name, Path tokenizerJson, long initSeed) throws IOException {
        int vocab;
        try (Tokenizer t = Tokenizer.load(tokenizerJson)) {
            vocab = t.vocabSize();
        }
        LlamaConfig c = new LlamaConfig(vocab, 32, 64, 2, 2, 1, 256, 1e-5, 10000.0, true, 1, 2, 0);
        try (LlamaModel m = new LlamaModel(c, ComputeDevice.CPU, new SplittableRandom(initSeed))) {
            return Checkpoint.save(dir.resolve(name), m, tokenizerJson, null);
        }
    }
}
