package org.rlhf4j.core.rl;

/**
 * Running mean and standard deviation over batches (Chan et al.'s parallel update of Welford's
 * algorithm), as TRL's {@code RunningMoments} keeps them for PPO's score scaling and
 * normalisation. The state is three numbers, saved with a checkpoint so a resumed run continues
 * exactly.
 *
 * @param mean  mean of every value seen
 * @param var   population variance of every value seen
 * @param count how many values were seen
 */
public record RunningMoments(double mean, double var, long count) {
    public RunningMoments {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
        if (!(var >= 0)) throw new IllegalArgumentException("var must be >= 0, got " + var);
    }

    public static RunningMoments empty() {
        return new RunningMoments(0, 0, 0);
    }

    /** The moments after also seeing {@code values}. */
    public RunningMoments update(double[] values) {
        if (values.length == 0) return this;
        double sum = 0;
        for (double v : values) sum += v;
        double batchMean = sum / values.length;
        double squares = 0;
        for (double v : values) squares += (v - batchMean) * (v - batchMean);
        long n = count + values.length;
        double delta = batchMean - mean;
        double m2 = var * count + squares + delta * delta * count * values.length / n;
        return new RunningMoments(mean + delta * values.length / n, m2 / n, n);
    }

    /** The standard deviation with Bessel's correction (1 when fewer than two values were seen). */
    public double std() {
        return count < 2 ? 1 : Math.sqrt(var * count / (count - 1));
    }
}
