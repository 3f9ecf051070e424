package org.rlhf4j.reward.eval;

import java.util.Arrays;

/** Pure statistics used by reward-model evaluation; each is checked against hand-worked numbers. */
public final class PairMetrics {
    private PairMetrics() {}

    /** Share of pairs with {@code chosen > rejected}; an exact tie counts half. NaN when empty. */
    public static double accuracy(double[] chosen, double[] rejected) {
        if (chosen.length == 0) return Double.NaN;
        double c = 0;
        for (int i = 0; i < chosen.length; i++) c += chosen[i] > rejected[i] ? 1 : chosen[i] == rejected[i] ? 0.5 : 0;
        return c / chosen.length;
    }

    /**
     * Expected calibration error with {@code bins} equal-width bins over [0, 1]:
     * sum over bins of (n_bin / n) |mean predicted - mean outcome|. A prediction of exactly 1 falls in the last bin.
     */
    public static double expectedCalibrationError(double[] predicted, boolean[] outcome, int bins) {
        Reliability r = reliability(predicted, outcome, bins);
        double ece = 0;
        for (int b = 0; b < bins; b++) if (r.counts[b] > 0) ece += (double) r.counts[b] / predicted.length * Math.abs(r.meanPredicted[b] - r.observed[b]);
        return ece;
    }

    /** Per bin: count, mean predicted probability, observed frequency (NaN for empty bins). */
    public record Reliability(int[] counts, double[] meanPredicted, double[] observed) {}

    public static Reliability reliability(double[] predicted, boolean[] outcome, int bins) {
        if (predicted.length != outcome.length) throw new IllegalArgumentException("predicted and outcome differ in length");
        int[] n = new int[bins];
        double[] p = new double[bins], o = new double[bins];
        for (int i = 0; i < predicted.length; i++) {
            int b = Math.min(bins - 1, (int) Math.floor(predicted[i] * bins));
            n[b]++;
            p[b] += predicted[i];
            o[b] += outcome[i] ? 1 : 0;
        }
        for (int b = 0; b < bins; b++) {
            p[b] = n[b] == 0 ? Double.NaN : p[b] / n[b];
            o[b] = n[b] == 0 ? Double.NaN : o[b] / n[b];
        }
        return new Reliability(n, p, o);
    }

    /**
     * Calibration of a Bradley-Terry model over decisive pairs, symmetrised: each pair is counted
     * as (sigmoid(r_c - r_r), chosen) and (sigmoid(r_r - r_c), not chosen), so the
     * data's order of chosen and rejected does not matter.
     */
    public static double[] symmetrisedPredictions(double[] chosen, double[] rejected) {
        double[] p = new double[chosen.length * 2];
        for (int i = 0; i < chosen.length; i++) {
            double q = 1 / (1 + Math.exp(-(chosen[i] - rejected[i])));
            p[2 * i] = q;
            p[2 * i + 1] = 1 - q;
        }
        return p;
    }

    public static boolean[] symmetrisedOutcomes(int pairs) {
        boolean[] o = new boolean[pairs * 2];
        for (int i = 0; i < pairs; i++) o[2 * i] = true;
        return o;
    }

    /** Pearson correlation; NaN when either side is constant or fewer than 2 values. */
    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) return Double.NaN;
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** The q-quantile (0..1) by linear interpolation between order statistics (numpy's default). */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) return Double.NaN;
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
