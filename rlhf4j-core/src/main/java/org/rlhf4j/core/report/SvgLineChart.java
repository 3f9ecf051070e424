package org.rlhf4j.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as a standalone SVG document: title, axes with "nice" ticks, labelled axes, a
 * legend, and one polyline (or markers) per series. Non-finite points are skipped.
 */
public final class SvgLineChart {
    private static final int WIDTH = 720, HEIGHT = 420, LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 55;

    private String title;
    private final String xLabel;
    private String yLabel;
    private final List<Series> series = new ArrayList<>();

    public SvgLineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** The same chart under another title and y-axis label. */
    public SvgLineChart withTitle(String newTitle, String newYLabel) {
        this.title = newTitle;
        this.yLabel = newYLabel;
        return this;
    }

    public SvgLineChart add(Series s) {
        series.add(s);
        return this;
    }

    /** The SVG text. */
    public String render() {
        double[] xr = range(true), yr = range(false);
        double[] xt = ticks(xr[0], xr[1]), yt = ticks(yr[0], yr[1]);
        double x0 = xt[0], x1 = xt[xt.length - 1], y0 = yt[0], y1 = yt[yt.length - 1];
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">%s</text>%n", WIDTH / 2, escape(title)));
        int plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        for (double t : yt) {
            double py = TOP + plotH * (1 - (t - y0) / (y1 - y0));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n", LEFT, py, LEFT + plotW, py));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, py + 4, format(t)));
        }
        for (double t : xt) {
            double px = LEFT + plotW * (t - x0) / (x1 - x0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>%n", px, TOP, px, TOP + plotH));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP + plotH + 18, format(t)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", LEFT, TOP, plotW, plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotW / 2, HEIGHT - 12, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
        int legendY = TOP + 16;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) continue;
                double px = LEFT + plotW * (s.x()[i] - x0) / (x1 - x0), py = TOP + plotH * (1 - (s.y()[i] - y0) / (y1 - y0));
                if (s.markers()) svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", px, py, s.color()));
                else points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            if (!s.markers()) svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n", s.color(), points.toString().trim()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    LEFT + plotW - 170, legendY - 4, s.color(), LEFT + plotW - 150, legendY, escape(s.name())));
            legendY += 16;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Min and max over all finite points (x or y); a flat or empty range is widened. */
    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) continue;
                double v = x ? s.x()[i] : s.y()[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new double[] {0, 1};
        if (lo == hi) return new double[] {lo - 1, hi + 1};
        return new double[] {lo, hi};
    }

    /** Ticks at 1, 2 or 5 times a power of ten, covering [lo, hi] with about 5 intervals. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 5, magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude <= 1 ? magnitude : raw / magnitude <= 2 ? 2 * magnitude : raw / magnitude <= 5 ? 5 * magnitude : 10 * magnitude;
        double start = Math.floor(lo / step) * step, end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = start + i * step;
        return t;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.format(Locale.ROOT, "%d", (long) v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
