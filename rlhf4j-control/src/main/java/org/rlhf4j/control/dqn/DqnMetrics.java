package org.rlhf4j.control.dqn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metrics report, what stable-baselines3's DQN logs at {@code dump_logs} (every
 * {@code logInterval} episodes), under the same names ({@link #asMap()}).
 *
 * @param totalTimesteps     environment steps so far over all copies ({@value #TOTAL_TIMESTEPS})
 * @param episodes           finished episodes ({@value #EPISODES})
 * @param episodeRewardMean  mean return of the last 100 episodes ({@value #EP_REW_MEAN}); NaN before the first
 * @param episodeLengthMean  mean length of the last 100 episodes ({@value #EP_LEN_MEAN}); NaN before the first
 * @param explorationRate    current epsilon ({@value #EXPLORATION_RATE})
 * @param fps                environment steps per second since {@code learn} started ({@value #FPS})
 * @param timeElapsedSeconds seconds since {@code learn} started ({@value #TIME_ELAPSED})
 * @param loss               mean Huber loss of the last training phase ({@value #LOSS}); NaN before the first
 * @param learningRate       learning rate of the last training phase ({@value #LEARNING_RATE})
 * @param updates            gradient steps so far ({@value #N_UPDATES})
 */
public record DqnMetrics(long totalTimesteps, long episodes, double episodeRewardMean, double episodeLengthMean,
                         double explorationRate, long fps, double timeElapsedSeconds, double loss, double learningRate,
                         long updates) {
    public static final String EP_REW_MEAN = "rollout/ep_rew_mean";
    public static final String EP_LEN_MEAN = "rollout/ep_len_mean";
    public static final String EXPLORATION_RATE = "rollout/exploration_rate";
    public static final String EPISODES = "time/episodes";
    public static final String FPS = "time/fps";
    public static final String TIME_ELAPSED = "time/time_elapsed";
    public static final String TOTAL_TIMESTEPS = "time/total_timesteps";
    public static final String LOSS = "train/loss";
    public static final String LEARNING_RATE = "train/learning_rate";
    public static final String N_UPDATES = "train/n_updates";

    /**
     * The values by SB3 name, in SB3's order; as SB3, the rollout means only once an episode has
     * finished and the train entries only once training has started.
     */
    public Map<String, Number> asMap() {
        Map<String, Number> m = new LinkedHashMap<>();
        if (!Double.isNaN(episodeRewardMean)) {
            m.put(EP_REW_MEAN, episodeRewardMean);
            m.put(EP_LEN_MEAN, episodeLengthMean);
        }
        m.put(EXPLORATION_RATE, explorationRate);
        m.put(EPISODES, episodes);
        m.put(FPS, fps);
        m.put(TIME_ELAPSED, timeElapsedSeconds);
        m.put(TOTAL_TIMESTEPS, totalTimesteps);
        if (updates > 0) {
            m.put(LEARNING_RATE, learningRate);
            m.put(LOSS, loss);
            m.put(N_UPDATES, updates);
        }
        return m;
    }

    /** The same report without wall-clock values (fps, time elapsed), for comparing runs. */
    public DqnMetrics withoutTiming() {
        return new DqnMetrics(totalTimesteps, episodes, episodeRewardMean, episodeLengthMean, explorationRate, 0, 0, loss,
                learningRate, updates);
    }
}
