package org.rlhf4j.core.nn;

/**
 * AdamW hyperparameters (Loshchilov and Hutter 2019, https://arxiv.org/abs/1711.05101).
 * Weight decay applies to matrices only; norm gains and biases are excluded, as in nanoGPT and
 * Hugging Face's trainers.
 */
public record AdamWConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
    public AdamWConfig {
        if (!(learningRate > 0 && learningRate < 1)) throw new IllegalArgumentException("learningRate must be in (0, 1), got " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    }

    public static AdamWConfig defaults() {
        return new AdamWConfig(3e-4, 0.9, 0.95, 1e-8, 0.1);
    }
}
