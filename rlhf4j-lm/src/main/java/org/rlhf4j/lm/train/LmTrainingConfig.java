package org.rlhf4j.lm.train;

import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.Precision;

/**
 * Hyperparameters of language-model training. {@link #defaults()} is the only place defaults live;
 * the CLI's help reads them from there.
 *
 * @param batchSize           sequences per micro-batch
 * @param contextLength       tokens per training sequence
 * @param maxSteps            optimizer steps
 * @param gradAccumulation    micro-batches per optimizer step
 * @param warmupSteps         linear warm-up from 0 to the peak learning rate
 * @param minLearningRateRatio cosine decay ends at this fraction of the peak
 * @param gradClipNorm        global gradient norm clip (0 = off)
 * @param evalEvery           steps between evaluations (0 = only at the end)
 * @param evalBatches         micro-batches per evaluation
 * @param maxNonFiniteInARow  consecutive skipped (NaN/Inf) steps before training stops
 */
public record LmTrainingConfig(int batchSize, int contextLength, int maxSteps, int gradAccumulation, AdamWConfig optimizer,
                               int warmupSteps, double minLearningRateRatio, double gradClipNorm, int evalEvery, int evalBatches,
                               int maxNonFiniteInARow, Precision precision, long seed) {
    public LmTrainingConfig {
        atLeast("batchSize", batchSize, 1);
        atLeast("contextLength", contextLength, 2);
        atLeast("maxSteps", maxSteps, 1);
        atLeast("gradAccumulation", gradAccumulation, 1);
        atLeast("warmupSteps", warmupSteps, 0);
        atLeast("evalEvery", evalEvery, 0);
        atLeast("evalBatches", evalBatches, 1);
        atLeast("maxNonFiniteInARow", maxNonFiniteInARow, 1);
        if (!(minLearningRateRatio >= 0 && minLearningRateRatio <= 1)) throw new IllegalArgumentException("minLearningRateRatio must be in [0, 1], got " + minLearningRateRatio);
        if (!(gradClipNorm >= 0)) throw new IllegalArgumentException("gradClipNorm must be >= 0 (0 = off), got " + gradClipNorm);
        if (optimizer == null) throw new IllegalArgumentException("optimizer must be set");
        if (precision == null) throw new IllegalArgumentException("precision must be set");
    }

    private static void atLeast(String field, int v, int min) {
        if (v < min) throw new IllegalArgumentException(field + " must be >= " + min + ", got " + v);
    }

    public static LmTrainingConfig defaults() {
        return new LmTrainingConfig(16, 128, 1200, 1, new AdamWConfig(1e-3, 0.9, 0.95, 1e-8, 0.1), 100, 0.1, 1.0, 200, 8, 5, Precision.BF16, 1234L);
    }

    public LmTrainingConfig withMaxSteps(int steps) {
        return new LmTrainingConfig(batchSize, contextLength, steps, gradAccumulation, optimizer, Math.min(warmupSteps, steps), minLearningRateRatio,
                gradClipNorm, evalEvery, evalBatches, maxNonFiniteInARow, precision, seed);
    }

    public LmTrainingConfig withSeed(long s) {
        return new LmTrainingConfig(batchSize, contextLength, maxSteps, gradAccumulation, optimizer, warmupSteps, minLearningRateRatio,
                gradClipNorm, evalEvery, evalBatches, maxNonFiniteInARow, precision, s);
    }

    public LmTrainingConfig withPrecision(Precision p) {
        return new LmTrainingConfig(batchSize, contextLength, maxSteps, gradAccumulation, optimizer, warmupSteps, minLearningRateRatio,
                gradClipNorm, evalEvery, evalBatches, maxNonFiniteInARow, p, seed);
    }

    public LmTrainingConfig withLearningRate(double lr) {
        AdamWConfig o = new AdamWConfig(lr, optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), optimizer.weightDecay());
        return new LmTrainingConfig(batchSize, contextLength, maxSteps, gradAccumulation, o, warmupSteps, minLearningRateRatio,
                gradClipNorm, evalEvery, evalBatches, maxNonFiniteInARow, precision, seed);
    }
}
