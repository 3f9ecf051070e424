package org.rlhf4j.reward;

/**
 * The mean and standard deviation of a reward model's (head-averaged) scores on a reference set,
 * so that PPO receives rewards on a known scale: {@code (score - mean) / std}.
 *
 * @param mean          mean raw score on the reference set
 * @param std           standard deviation of raw scores on the reference set (> 0)
 * @param referenceSize how many responses the statistics came from (0 = identity, not measured)
 */
public record Normalisation(double mean, double std, long referenceSize) {
    public Normalisation {
        if (!Double.isFinite(mean)) throw new IllegalArgumentException("mean must be finite, got " + mean);
        if (!(std > 0) || Double.isInfinite(std)) throw new IllegalArgumentException("std must be a positive finite number, got " + std);
        if (referenceSize < 0) throw new IllegalArgumentException("referenceSize must be >= 0, got " + referenceSize);
    }

    /** No rescaling: what a model has before it was measured on a reference set. */
    public static Normalisation identity() {
        return new Normalisation(0, 1, 0);
    }

    /** From raw scores (population standard deviation; a constant set gets std 1). */
    public static Normalisation of(double[] scores) {
        if (scores.length == 0) throw new IllegalArgumentException("cannot normalise on an empty reference set");
        Moments m = Moments.of(scores);
        return new Normalisation(m.mean(), m.std() > 1e-12 ? m.std() : 1, scores.length);
    }

    public double apply(double raw) {
        return (raw - mean) / std;
    }
}
