package org.rlhf4j.eval.policy;

/**
 * A mean over {@code n} independent values with its 95% interval from the normal approximation,
 * {@code mean +- 1.96 * s / sqrt(n)} with the sample standard deviation s (n - 1 in the
 * denominator); with one value the interval is the point.
 */
public record Estimate(double mean, double lower, double upper, int n) {
    public static final double Z95 = 1.959963984540054;

    public static Estimate of(double[] values) {
        int n = values.length;
        if (n == 0) return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        double sum = 0;
        for (double v : values) sum += v;
        double mean = sum / n;
        if (n == 1) return new Estimate(mean, mean, mean, 1);
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        double half = Z95 * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        return new Estimate(mean, mean - half, mean + half, n);
    }

    /** Half the interval's width. */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.3f (95%% interval %.3f to %.3f, n=%d)", mean, lower, upper, n);
    }
}
