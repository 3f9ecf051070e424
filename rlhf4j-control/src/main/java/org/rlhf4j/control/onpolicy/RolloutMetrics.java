package org.rlhf4j.control.onpolicy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code rollout/} and {@code time/} part of an update's report, as SB3's {@code _dump_logs}.
 *
 * @param iterations             rollouts collected so far in this {@code learn} ({@code time/iterations})
 * @param totalTimesteps         environment steps over all copies ({@code time/total_timesteps})
 * @param fps                    steps per second of wall time since {@code learn} started ({@code time/fps})
 * @param timeElapsedSeconds     wall time since {@code learn} started ({@code time/time_elapsed})
 * @param episodeRewardMean      mean environment return of the last 100 episodes; NaN before the first ends
 * @param episodeLengthMean      mean length of the same episodes
 * @param shapedEpisodeRewardMean mean return under the shaped reward of the last 100 episodes; NaN without shaping
 * @param episodes               episodes finished so far
 */
public record RolloutMetrics(int iterations, long totalTimesteps, double fps, double timeElapsedSeconds,
                             double episodeRewardMean, double episodeLengthMean, double shapedEpisodeRewardMean,
                             long episodes) {

    /** SB3's names; the episode means only once an episode has finished (as SB3). */
    public Map<String, Number> toMap() {
        Map<String, Number> map = new LinkedHashMap<>();
        if (!Double.isNaN(episodeRewardMean)) {
            map.put(MetricNames.ROLLOUT_EP_REW_MEAN, episodeRewardMean);
            map.put(MetricNames.ROLLOUT_EP_LEN_MEAN, episodeLengthMean);
        }
        if (!Double.isNaN(shapedEpisodeRewardMean)) map.put(MetricNames.ROLLOUT_EP_SHAPED_REW_MEAN, shapedEpisodeRewardMean);
        map.put(MetricNames.TIME_FPS, (long) fps);
        map.put(MetricNames.TIME_ITERATIONS, iterations);
        map.put(MetricNames.TIME_ELAPSED, timeElapsedSeconds);
        map.put(MetricNames.TIME_TOTAL_TIMESTEPS, totalTimesteps);
        return map;
    }
}
