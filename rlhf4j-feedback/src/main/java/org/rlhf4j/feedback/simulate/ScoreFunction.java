package org.rlhf4j.feedback.simulate;

import java.util.List;
import java.util.Objects;

/**
 * The hidden utility of an item that a simulated annotator judges: higher is better. For text the
 * item is a {@link PromptResponse}; for control tasks it can be a trajectory of per-step rewards
 * ({@link #myopicReturn(double)}).
 *
 * <p>Ratings read utilities on the 1-5 star scale (stars = round(utility + noise), clamped); a
 * scorer on another scale says so with {@link #rescaled(double, double)}.
 */
@FunctionalInterface
public interface ScoreFunction<T> {
    double utility(T item);

    /**
     * The return of a trajectory as a myopic teacher sees it (B-Pref): later steps weigh more,
     * {@code sum_t gamma^(T-1-t) r_t}; gamma 1 is the plain sum.
     */
    static ScoreFunction<List<Double>> myopicReturn(double gamma) {
        AnnotatorConfig.requireGamma(gamma);
        return rewards -> myopicReturn(rewards, gamma);
    }

    /** {@code sum_{t=0}^{T-1} gamma^(T-1-t) r_t}. */
    static double myopicReturn(List<Double> rewards, double gamma) {
        Objects.requireNonNull(rewards, "rewards");
        double sum = 0.0;
        for (double reward : rewards) {
            sum = gamma * sum + reward; // Horner: the last step has weight 1, the first gamma^(T-1)
        }
        return sum;
    }

    /** Maps utilities in [low, high] linearly onto the 1-5 star scale: 1 + 4 (u - low) / (high - low). */
    default ScoreFunction<T> rescaled(double low, double high) {
        if (!(high > low) || Double.isInfinite(high - low)) {
            throw new IllegalArgumentException("rescaled needs finite low < high, got low=" + low + ", high=" + high);
        }
        return item -> 1.0 + 4.0 * (utility(item) - low) / (high - low);
    }
}
