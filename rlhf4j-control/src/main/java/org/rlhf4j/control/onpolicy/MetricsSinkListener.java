package org.rlhf4j.control.onpolicy;

import java.util.Map;
import org.rlhf4j.core.run.MetricsSink;

/**
 * Writes every {@code interval}-th update to a run's {@code metrics.jsonl} under SB3's names, at
 * step {@code time/total_timesteps} (SB3's {@code log_interval}: 1 for PPO, 100 for A2C).
 * {@code time/fps} and {@code time/time_elapsed} are left out when {@code includeTiming} is
 * false, so that two runs with the same seed write identical files.
 */
public final class MetricsSinkListener implements UpdateListener<TrainMetrics> {
    private final MetricsSink sink;
    private final int interval;
    private final boolean includeTiming;

    public MetricsSinkListener(MetricsSink sink, int interval, boolean includeTiming) {
        if (sink == null) throw new IllegalArgumentException("sink must not be null");
        if (interval < 1) throw new IllegalArgumentException("interval must be >= 1, got " + interval);
        this.sink = sink;
        this.interval = interval;
        this.includeTiming = includeTiming;
    }

    @Override
    public void onUpdate(Update<? extends TrainMetrics> update) {
        if (update.rollout().iterations() % interval != 0) return;
        Map<String, Number> values = update.toMap();
        if (!includeTiming) {
            values.remove(MetricNames.TIME_FPS);
            values.remove(MetricNames.TIME_ELAPSED);
        }
        sink.log(update.rollout().totalTimesteps(), values);
    }
}
