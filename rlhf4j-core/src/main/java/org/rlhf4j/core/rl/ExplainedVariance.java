package org.rlhf4j.core.rl;

/**
 * How much of the returns' variance the critic explains: 1 - Var[y - yPred] / Var[y], as SB3's
 * {@code explained_variance} (logged as {@code train/explained_variance}). 1 is a perfect critic,
 * 0 no better than a constant, below 0 worse than one. NaN when the returns do not vary.
 * Population variances (numpy's default); the ratio would be the same with n - 1.
 */
public final class ExplainedVariance {
    private ExplainedVariance() {}

    /** predicted (N) values, actual (N) returns. */
    public static double of(float[] predicted, float[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("predicted and actual must have equal lengths, got "
                    + predicted.length + " and " + actual.length);
        }
        if (actual.length == 0) throw new IllegalArgumentException("actual is empty; need at least one value");
        double varianceActual = variance(actual, null);
        if (varianceActual == 0) return Double.NaN;
        return 1 - variance(actual, predicted) / varianceActual;
    }

    /** Population variance of y - minus (or of y when minus is null). */
    private static double variance(float[] y, float[] minus) {
        int n = y.length;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += value(y, minus, i);
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = value(y, minus, i) - mean;
            squares += d * d;
        }
        return squares / n;
    }

    private static double value(float[] y, float[] minus, int i) {
        return minus == null ? y[i] : (double) y[i] - minus[i];
    }
}
