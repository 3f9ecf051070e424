package org.rlhf4j.lm.pretrain;

import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.train.LmTrainingConfig;

/**
 * Everything a pretraining run is configured by; {@link #defaults()} is the embedded model's recipe.
 *
 * @param vocabSize       BPE vocabulary size (when the run trains its own tokenizer)
 * @param heldOutFraction tail of the token stream kept for evaluation
 * @param checkpointEvery steps between checkpoints (0 = only the final one)
 */
public record PretrainConfig(ModelShape model, LmTrainingConfig training, int vocabSize, double heldOutFraction, int checkpointEvery) {
    public PretrainConfig {
        if (model == null || training == null) throw new IllegalArgumentException("model and training must be set");
        if (vocabSize < 300) throw new IllegalArgumentException("vocabSize must be >= 300 (256 bytes + special tokens + merges), got " + vocabSize);
        if (!(heldOutFraction > 0 && heldOutFraction < 0.5)) throw new IllegalArgumentException("heldOutFraction must be in (0, 0.5), got " + heldOutFraction);
        if (checkpointEvery < 0) throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
        if (training.contextLength() > model.maxPositions()) {
            throw new IllegalArgumentException("training.contextLength (" + training.contextLength() + ") exceeds model.maxPositions (" + model.maxPositions() + ")");
        }
    }

    public PretrainConfig withTraining(LmTrainingConfig t) {
        return new PretrainConfig(model, t, vocabSize, heldOutFraction, checkpointEvery);
    }

    /** This config with the command line's overrides applied; a null override keeps the configured value. */
    public PretrainConfig withOverrides(Integer steps, Long seed, Precision precision) {
        LmTrainingConfig t = training;
        if (steps != null) t = t.withMaxSteps(steps);
        if (seed != null) t = t.withSeed(seed);
        if (precision != null) t = t.withPrecision(precision);
        return withTraining(t);
    }

    public static PretrainConfig defaults() {
        LmTrainingConfig training = new LmTrainingConfig(16, 128, 1200, 1, new AdamWConfig(2e-3, 0.9, 0.95, 1e-8, 0.1),
                100, 0.1, 1.0, 250, 8, 5, Precision.BF16, 1234L);
        return new PretrainConfig(ModelShape.embedded(), training, 4096, 0.05, 400);
    }
}
