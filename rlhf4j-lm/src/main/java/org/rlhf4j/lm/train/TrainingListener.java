package org.rlhf4j.lm.train;

/** Receives what happens during training: progress bars, metrics files and checkpoints listen here. */
public interface TrainingListener {
    /** After every optimizer step (skipped ones included, with {@code skipped} set). */
    default void onStep(StepReport report) {}

    /** After each evaluation. */
    default void onEvaluation(int step, double heldOutLoss) {}

    /**
     * One optimizer step. Metric names follow TRL/Hugging Face usage: {@code train/loss},
     * {@code train/learning_rate}, {@code train/grad_norm}, {@code train/tokens_per_second}.
     */
    record StepReport(int step, int maxSteps, double loss, double learningRate, double gradNorm, long tokens,
                      double tokensPerSecond, boolean skipped, int skippedTotal) {}
}
