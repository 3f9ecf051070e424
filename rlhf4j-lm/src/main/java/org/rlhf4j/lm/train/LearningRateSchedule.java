package org.rlhf4j.lm.train;

/**
 * Linear warm-up to the peak, then cosine decay to {@code peak * minRatio} at {@code totalSteps}
 * (Loshchilov and Hutter 2017, as used by GPT-style pretraining). Steps count from 0.
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double minRatio) {
    public double at(int step) {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        if (totalSteps <= warmupSteps) return peak;
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (minRatio + (1 - minRatio) * cosine);
    }
}
