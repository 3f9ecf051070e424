package org.rlhf4j.core.rl;

/**
 * The coefficient beta of LM PPO's KL penalty to the reference model, fixed or adapted.
 *
 * <p>The adaptive rule is Ziegler et al. 2019 ("Fine-Tuning Language Models from Human
 * Preferences", https://arxiv.org/abs/1909.08593, section 2.2), as TRL's {@code AdaptiveKLController}:
 * <pre>
 *   error = clip(KL / target - 1, -0.2, 0.2)
 *   beta  = beta * (1 + error * nSteps / horizon)
 * </pre>
 * where KL is the mean per-sequence KL of the latest batch and nSteps the batch's number of
 * sequences. Above the target beta grows, below it shrinks, by at most 20% of nSteps / horizon.
 */
public final class KlController {
    /** The clip on the proportional error, Ziegler et al.'s 0.2. */
    public static final double MAX_ERROR = 0.2;

    private final boolean adaptive;
    private final double target;
    private final double horizon;
    private double value;

    private KlController(boolean adaptive, double initial, double target, double horizon) {
        if (!(initial >= 0) || Double.isInfinite(initial)) throw new IllegalArgumentException("the initial KL coefficient must be >= 0 and finite, got " + initial);
        if (adaptive) {
            if (!(target > 0) || Double.isInfinite(target)) throw new IllegalArgumentException("the KL target must be > 0 and finite, got " + target);
            if (!(horizon > 0) || Double.isInfinite(horizon)) throw new IllegalArgumentException("the KL horizon must be > 0 and finite, got " + horizon);
        }
        this.adaptive = adaptive;
        this.target = target;
        this.horizon = horizon;
        this.value = initial;
    }

    /** beta stays {@code value}. */
    public static KlController fixed(double value) {
        return new KlController(false, value, Double.NaN, Double.NaN);
    }

    /** beta starts at {@code initial} and moves towards a mean KL of {@code target} nats per sequence. */
    public static KlController adaptive(double initial, double target, double horizon) {
        return new KlController(true, initial, target, horizon);
    }

    public double value() {
        return value;
    }

    /** After a batch of {@code nSteps} sequences whose mean KL was {@code currentKl}; returns the new value. */
    public double update(double currentKl, int nSteps) {
        if (!adaptive) return value;
        if (!Double.isFinite(currentKl)) return value;   // the non-finite guard reports it; beta must not become NaN
        double error = Math.max(-MAX_ERROR, Math.min(MAX_ERROR, currentKl / target - 1));
        value *= 1 + error * nSteps / horizon;
        return value;
    }

    /** Restores the value saved with a checkpoint. */
    public void restore(double saved) {
        if (!(saved >= 0) || Double.isInfinite(saved)) throw new IllegalArgumentException("a saved KL coefficient must be >= 0 and finite, got " + saved);
        value = saved;
    }
}
