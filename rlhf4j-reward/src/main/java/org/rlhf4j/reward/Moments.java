package org.rlhf4j.reward;

/** Mean and population standard deviation of some scores: the one place normalisation, ensembles and evaluation compute them. */
public record Moments(double mean, double std) {
    public static Moments of(double[] v) {
        if (v.length == 0) throw new IllegalArgumentException("no values");
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        double var = 0;
        for (double x : v) var += (x - mean) * (x - mean);
        return new Moments(mean, Math.sqrt(var / v.length));
    }

    public static Moments of(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return of(d);
    }
}
