package org.rlhf4j.control.preference;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SplittableRandom;
import org.rlhf4j.control.onpolicy.Transitions;

/**
 * Keeps the most recent finished episodes of a vectorised rollout (at most {@code capacitySteps}
 * steps in all, oldest dropped first) and cuts {@link Segment}s from them, the clips that
 * preference queries compare. Running episodes are assembled per environment copy and join the
 * pool when they end. Not thread-safe.
 */
public final class TrajectoryRecorder {
    /** A finished episode: rows of observations and actions, per-step rewards, and how it ended. */
    record Episode(long number, float[] observations, float[] actions, float[] rewards, int length, boolean terminated) {}

    private final int observationSize;
    private final int actionSize;
    private final int capacitySteps;
    private final Deque<Episode> episodes = new ArrayDeque<>();
    private final Running[] running;
    private long pooledSteps;
    private long episodeCount;
    private long recordedSteps;

    private final class Running {
        float[] observations = new float[64 * observationSize];
        float[] actions = new float[64 * actionSize];
        float[] rewards = new float[64];
        int length;

        void add(float[] observation, int observationOffset, float[] action, int actionOffset, float reward) {
            if (length == rewards.length) {
                int grown = length * 2;
                observations = Arrays.copyOf(observations, grown * observationSize);
                actions = Arrays.copyOf(actions, grown * actionSize);
                rewards = Arrays.copyOf(rewards, grown);
            }
            System.arraycopy(observation, observationOffset, observations, length * observationSize, observationSize);
            System.arraycopy(action, actionOffset, actions, length * actionSize, actionSize);
            rewards[length++] = reward;
        }
    }

    public TrajectoryRecorder(int observationSize, int actionSize, int copies, int capacitySteps) {
        if (observationSize < 1 || actionSize < 1 || copies < 1) throw new IllegalArgumentException("sizes and copies must be >= 1");
        if (capacitySteps < 1) throw new IllegalArgumentException("capacitySteps must be >= 1, got " + capacitySteps);
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.capacitySteps = capacitySteps;
        this.running = new Running[copies];
        for (int i = 0; i < copies; i++) running[i] = new Running();
    }

    /** Records every copy's step of a vectorised rollout. */
    public void record(Transitions step) {
        for (int i = 0; i < step.numEnvs(); i++) {
            record(i, step.observations(), i * observationSize, step.actions(), i * actionSize, step.rewards()[i],
                    step.terminated(i), step.truncated(i));
        }
    }

    /** Records one step of copy {@code copy}: the observation it acted in, its action and reward, and how it ended. */
    public void record(int copy, float[] observation, int observationOffset, float[] action, int actionOffset, float reward,
                       boolean terminated, boolean truncated) {
        Running r = running[copy];
        r.add(observation, observationOffset, action, actionOffset, reward);
        recordedSteps++;
        if (terminated || truncated) {
            int n = r.length;
            add(new Episode(episodeCount++, Arrays.copyOf(r.observations, n * observationSize), Arrays.copyOf(r.actions, n * actionSize),
                    Arrays.copyOf(r.rewards, n), n, terminated));
            r.length = 0;
        }
    }

    /** Drops every copy's unfinished episode (before the copies are reset elsewhere). */
    public void discardRunning() {
        for (Running r : running) r.length = 0;
    }

    private void add(Episode episode) {
        episodes.addLast(episode);
        pooledSteps += episode.length();
        while (pooledSteps - episodes.peekFirst().length() >= capacitySteps) pooledSteps -= episodes.removeFirst().length();
    }

    /** Finished episodes in the pool. */
    public int episodes() {
        return episodes.size();
    }

    /** Steps in the pool's episodes. */
    public long pooledSteps() {
        return pooledSteps;
    }

    /** All steps ever recorded. */
    public long recordedSteps() {
        return recordedSteps;
    }

    /** Observations and actions of every pooled step, for statistics: {@code (rows, observationSize)} and {@code (rows, actionSize)}. */
    public float[][] pooledSteps(int maxRows, SplittableRandom random) {
        int total = (int) Math.min(pooledSteps, Integer.MAX_VALUE);
        int rows = Math.min(total, maxRows);
        float[] observations = new float[rows * observationSize], actions = new float[rows * actionSize];
        // reservoir-free: take every k-th step so the sample spans the pool
        double stride = (double) total / rows;
        double next = random.nextDouble() * stride;
        int index = 0, row = 0;
        for (Episode e : episodes) {
            while (row < rows && next < index + e.length()) {
                int t = (int) next - index;
                System.arraycopy(e.observations(), t * observationSize, observations, row * observationSize, observationSize);
                System.arraycopy(e.actions(), t * actionSize, actions, row * actionSize, actionSize);
                row++;
                next += stride;
            }
            index += e.length();
        }
        return new float[][] {Arrays.copyOf(observations, row * observationSize), Arrays.copyOf(actions, row * actionSize)};
    }

    /**
     * A clip of {@code length} steps, uniform over the valid starts of all pooled episodes: any step
     * of an episode that terminated (the clip may run into the absorbing state), and starts that
     * leave {@code length} real steps in an episode cut by the time limit. Null when no episode
     * has a valid start.
     */
    public Segment sample(int length, SplittableRandom random) {
        if (length < 1) throw new IllegalArgumentException("length must be >= 1, got " + length);
        long total = 0;
        for (Episode e : episodes) total += starts(e, length);
        if (total == 0) return null;
        long pick = random.nextLong(total);
        for (Episode e : episodes) {
            int starts = starts(e, length);
            if (pick < starts) return cut(e, (int) pick, length);
            pick -= starts;
        }
        throw new AssertionError("unreachable");
    }

    private static int starts(Episode e, int length) {
        return e.terminated() ? e.length() : Math.max(0, e.length() - length + 1);
    }

    private Segment cut(Episode e, int start, int length) {
        int real = Math.min(length, e.length() - start);
        float[] rewards = new float[length];
        System.arraycopy(e.rewards(), start, rewards, 0, real);
        return new Segment(Arrays.copyOfRange(e.observations(), start * observationSize, (start + real) * observationSize),
                Arrays.copyOfRange(e.actions(), start * actionSize, (start + real) * actionSize), rewards, real,
                observationSize, actionSize, e.number(), start);
    }
}
