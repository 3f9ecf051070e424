package org.rlhf4j.core.rl;

/**
 * A hyperparameter (learning rate, clip range, entropy coefficient) as a function of the
 * fraction of training still to run, SB3's {@code progress_remaining}: 1 at the start, 0 at the
 * end, computed by the trainer as {@code 1 - stepsDone / totalSteps}.
 */
public sealed interface Schedule permits ConstantSchedule, LinearSchedule {
    /**
     * The value at {@code progressRemaining}, which must not be NaN or above 1. Below 0 (a last
     * rollout that overshoots the step budget) a schedule holds its final value.
     */
    double valueAt(double progressRemaining);

    static Schedule constant(double value) {
        return new ConstantSchedule(value);
    }

    /** From {@code start} at progress 1 straight down (or up) to {@code end} at progress 0. */
    static Schedule linear(double start, double end) {
        return new LinearSchedule(start, end, 1.0);
    }
}
