package org.rlhf4j.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlhf4j.core.run.MetricsSink;

/** Charts of a training run's {@code metrics.jsonl}: loss (raw, smoothed, held-out) and learning rate. */
public final class LearningCurves {
    private LearningCurves() {}

    /** Training loss per step, its exponential moving average (weight 0.05 per step), and held-out loss points. */
    public static SvgLineChart loss(Path metricsJsonl) throws IOException {
        List<Double> steps = new ArrayList<>(), loss = new ArrayList<>(), smooth = new ArrayList<>(), evalSteps = new ArrayList<>(), evalLoss = new ArrayList<>();
        double ema = Double.NaN;
        for (Map<String, Object> m : MetricsSink.read(metricsJsonl)) {
            double step = ((Number) m.get(MetricsSink.STEP)).doubleValue();
            if (m.get("train/loss") instanceof Number l) {
                double v = l.doubleValue();
                steps.add(step);
                loss.add(v);
                if (Double.isFinite(v)) ema = Double.isNaN(ema) ? v : 0.95 * ema + 0.05 * v;
                smooth.add(ema);
            }
            if (m.get("eval/loss") instanceof Number e) {
                evalSteps.add(step);
                evalLoss.add(e.doubleValue());
            }
        }
        return new SvgLineChart("Learning curve", "optimizer step", "cross-entropy (nats/token)")
                .add(Series.line("train loss", steps, loss, "#c7d7ee"))
                .add(Series.line("train loss (EMA)", steps, smooth, "#1f5fa8"))
                .add(Series.points("held-out loss", evalSteps, evalLoss, "#d2442f"));
    }

    /** The learning-rate schedule as run. */
    public static SvgLineChart learningRate(Path metricsJsonl) throws IOException {
        List<Double> steps = new ArrayList<>(), lr = new ArrayList<>();
        for (Map<String, Object> m : MetricsSink.read(metricsJsonl)) {
            if (m.get("train/learning_rate") instanceof Number v) {
                steps.add(((Number) m.get(MetricsSink.STEP)).doubleValue());
                lr.add(v.doubleValue());
            }
        }
        return new SvgLineChart("Learning rate", "optimizer step", "learning rate").add(Series.line("learning rate", steps, lr, "#2a8a4a"));
    }
}
