package org.rlhf4j.align.offline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;
import org.rlhf4j.core.run.MetricsSink;

/** Charts an offline run's report shares: named metrics per step, as lines (training) or points (held-out). */
public final class OfflineReport {
    private static final String[] COLOURS = {"#1f5fa8", "#d2442f", "#2a8a4a", "#8a5a2a", "#7a3a9a"};

    private OfflineReport() {}

    /** One line per name that appears in {@code metrics.jsonl}; names starting with {@code eval/} are drawn as points. */
    public static SvgLineChart curves(Path metricsJsonl, String title, String yLabel, String... names) throws IOException {
        List<Map<String, Object>> rows = MetricsSink.read(metricsJsonl);
        SvgLineChart chart = new SvgLineChart(title, "optimizer step", yLabel);
        for (int i = 0; i < names.length; i++) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (Map<String, Object> m : rows) {
                if (m.get(names[i]) instanceof Number v) {
                    x.add(((Number) m.get(MetricsSink.STEP)).doubleValue());
                    y.add(v.doubleValue());
                }
            }
            if (x.isEmpty()) continue;
            String colour = COLOURS[i % COLOURS.length];
            chart.add(names[i].startsWith("eval/") ? Series.points(names[i], x, y, colour) : Series.line(names[i], x, y, colour));
        }
        return chart;
    }

    /** The mean of {@code name} over the first and the last {@code share} of the rows that have it: {first, last}, NaN when absent. */
    public static double[] firstAndLast(List<Map<String, Object>> metrics, String name, double share) {
        List<Double> v = new ArrayList<>();
        for (Map<String, Object> m : metrics) if (m.get(name) instanceof Number x) v.add(x.doubleValue());
        if (v.size() < 2) return new double[] {Double.NaN, Double.NaN};
        int k = Math.max(1, (int) Math.round(v.size() * share));
        double a = 0, b = 0;
        for (int i = 0; i < k; i++) {
            a += v.get(i);
            b += v.get(v.size() - 1 - i);
        }
        return new double[] {a / k, b / k};
    }
}
