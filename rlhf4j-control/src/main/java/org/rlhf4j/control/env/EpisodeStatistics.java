package org.rlhf4j.control.env;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-episode return and length, like stable-baselines3's {@code Monitor} wrapper plus the
 * algorithm's {@code ep_info_buffer}: a rolling window of the most recent finished episodes
 * (100 by default, SB3's {@code stats_window_size}), and running totals of finished episodes and
 * of all steps. Tracks several parallel environment copies, each with its own running episode.
 *
 * <p>Differences from SB3: returns are not rounded to 6 decimals (SB3 rounds only the logged
 * {@code "r"}), and no wall-clock time is kept. Not thread-safe.
 */
public final class EpisodeStatistics {
    /** A finished episode: undiscounted sum of rewards and number of steps. */
    public record Episode(double episodeReturn, int length) {
    }

    private final int windowSize;
    private final double[] runningReturn;
    private final int[] runningLength;
    // Ring buffer of the last windowSize episodes.
    private final double[] windowReturns;
    private final int[] windowLengths;
    private int windowStart;
    private int windowCount;
    private long totalEpisodes;
    private long totalSteps;

    /** Statistics for {@code copies} parallel environments and a window of 100 episodes. */
    public EpisodeStatistics(int copies) {
        this(copies, 100);
    }

    public EpisodeStatistics(int copies, int windowSize) {
        if (copies < 1 || windowSize < 1) {
            throw new IllegalArgumentException("copies and windowSize must be >= 1, got " + copies + " and "
                    + windowSize);
        }
        this.windowSize = windowSize;
        this.runningReturn = new double[copies];
        this.runningLength = new int[copies];
        this.windowReturns = new double[windowSize];
        this.windowLengths = new int[windowSize];
    }

    /**
     * Accounts one step of copy {@code copy}; when {@code episodeEnded} (terminated or truncated)
     * the running episode is closed and enters the window.
     */
    public void observeStep(int copy, double reward, boolean episodeEnded) {
        runningReturn[copy] += reward;
        runningLength[copy]++;
        totalSteps++;
        if (episodeEnded) {
            int slot = (windowStart + windowCount) % windowSize;
            if (windowCount == windowSize) {
                windowStart = (windowStart + 1) % windowSize; // overwrite the oldest
            } else {
                windowCount++;
            }
            windowReturns[slot] = runningReturn[copy];
            windowLengths[slot] = runningLength[copy];
            totalEpisodes++;
            runningReturn[copy] = 0.0;
            runningLength[copy] = 0;
        }
    }

    /** Drops the unfinished episode of {@code copy} (on an early reset); its steps stay counted. */
    public void discardRunningEpisode(int copy) {
        runningReturn[copy] = 0.0;
        runningLength[copy] = 0;
    }

    /** Finished episodes since construction. */
    public long totalEpisodes() {
        return totalEpisodes;
    }

    /** Steps since construction, over all copies, including those of unfinished episodes. */
    public long totalSteps() {
        return totalSteps;
    }

    /** Number of episodes in the window: {@code min(totalEpisodes, windowSize)}. */
    public int windowCount() {
        return windowCount;
    }

    public int windowSize() {
        return windowSize;
    }

    /** Mean return over the window; NaN when empty (as SB3's {@code safe_mean}). */
    public double meanReturn() {
        if (windowCount == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < windowCount; i++) {
            sum += windowReturns[(windowStart + i) % windowSize];
        }
        return sum / windowCount;
    }

    /** Mean length over the window; NaN when empty. */
    public double meanLength() {
        if (windowCount == 0) {
            return Double.NaN;
        }
        long sum = 0;
        for (int i = 0; i < windowCount; i++) {
            sum += windowLengths[(windowStart + i) % windowSize];
        }
        return (double) sum / windowCount;
    }

    /** Episodes in the window, oldest first; a new list. */
    public List<Episode> recentEpisodes() {
        List<Episode> episodes = new ArrayList<>(windowCount);
        for (int i = 0; i < windowCount; i++) {
            int slot = (windowStart + i) % windowSize;
            episodes.add(new Episode(windowReturns[slot], windowLengths[slot]));
        }
        return episodes;
    }

    @Override
    public String toString() {
        return String.format("EpisodeStatistics[episodes=%d, steps=%d, window=%d, meanReturn=%.3f, meanLength=%.1f]",
                totalEpisodes, totalSteps, windowCount, meanReturn(), meanLength());
    }
}
