package org.rlhf4j.core.report;

import java.util.List;

/** A named line on a chart: x and y values of equal length, non-finite points skipped when drawn. */
public record Series(String name, double[] x, double[] y, String color, boolean markers) {
    public Series {
        if (x.length != y.length) throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y values");
    }

    public static Series line(String name, List<? extends Number> x, List<? extends Number> y, String color) {
        return new Series(name, toArray(x), toArray(y), color, false);
    }

    public static Series points(String name, List<? extends Number> x, List<? extends Number> y, String color) {
        return new Series(name, toArray(x), toArray(y), color, true);
    }

    private static double[] toArray(List<? extends Number> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = values.get(i).doubleValue();
        return a;
    }
}
