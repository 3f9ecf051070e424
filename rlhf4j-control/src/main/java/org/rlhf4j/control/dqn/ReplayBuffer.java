package org.rlhf4j.control.dqn;

import java.util.SplittableRandom;
import org.rlhf4j.control.env.VectorEnvironment;

/**
 * Experience replay (Mnih et al. 2015) with stable-baselines3's {@code ReplayBuffer} semantics,
 * in flat float arrays: a ring of {@code capacity = max(bufferSize / nEnvs, 1)} slots, each holding
 * one vector step of all {@code nEnvs} copies, the oldest overwritten first.
 *
 * <p>Layout: slot {@code t}, copy {@code e} is row {@code t * nEnvs + e}; observations and next
 * observations are {@code (capacity * nEnvs, observationSize)}, the rest {@code (capacity * nEnvs)}.
 *
 * <p>Episode ends, as SB3 with {@code handle_timeout_termination=True}: the stored "done" is
 * {@code terminated} only, so a transition cut off by the time limit still bootstraps from its
 * next observation; and since the vector environment has already reset an ended copy, its next
 * observation is the final observation of the finished episode ({@code terminal_observation}),
 * never the first of the new one. {@link #add(float[], int[], VectorEnvironment)} does both.
 *
 * <p>Sampling is uniform with replacement over stored slots, then over copies, drawn in SB3's
 * order (all slot indices, then all copy indices) from the caller's generator. Not thread-safe.
 */
public final class ReplayBuffer {
    private final int capacity;
    private final int nEnvs;
    private final int observationSize;
    private final float[] observations;
    private final float[] nextObservations;
    private final int[] actions;
    private final float[] rewards;
    private final boolean[] terminated;
    private int position;
    private boolean full;

    public ReplayBuffer(int bufferSize, int nEnvs, int observationSize) {
        if (bufferSize < 1 || nEnvs < 1 || observationSize < 1) {
            throw new IllegalArgumentException("bufferSize, nEnvs and observationSize must be >= 1, got " + bufferSize + ", "
                    + nEnvs + " and " + observationSize);
        }
        this.capacity = Math.max(bufferSize / nEnvs, 1);
        this.nEnvs = nEnvs;
        this.observationSize = observationSize;
        long rows = (long) capacity * nEnvs;
        if (rows * observationSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bufferSize " + bufferSize + " x observationSize " + observationSize
                    + " floats does not fit a Java array; use a smaller bufferSize");
        }
        observations = new float[(int) rows * observationSize];
        nextObservations = new float[(int) rows * observationSize];
        actions = new int[(int) rows];
        rewards = new float[(int) rows];
        terminated = new boolean[(int) rows];
    }

    /** Slots in the ring (vector steps kept). */
    public int capacity() {
        return capacity;
    }

    /** Vector steps stored: {@code capacity} once full. */
    public int storedSteps() {
        return full ? capacity : position;
    }

    /** Transitions stored over all copies. */
    public long size() {
        return (long) storedSteps() * nEnvs;
    }

    public boolean isFull() {
        return full;
    }

    /**
     * Stores one vector step: observations and next observations {@code (nEnvs, observationSize)},
     * actions, rewards and {@code terminated} {@code (nEnvs)}. The next observation of an episode
     * that ended must be its final observation, and {@code terminated} must exclude truncation.
     */
    public void add(float[] observations, float[] nextObservations, int[] actions, float[] rewards, boolean[] terminated) {
        int obsLength = nEnvs * observationSize;
        if (observations.length < obsLength || nextObservations.length < obsLength || actions.length < nEnvs
                || rewards.length < nEnvs || terminated.length < nEnvs) {
            throw new IllegalArgumentException("add needs " + obsLength + " observation floats and " + nEnvs
                    + " actions, rewards and flags");
        }
        int row = position * nEnvs;
        System.arraycopy(observations, 0, this.observations, row * observationSize, obsLength);
        System.arraycopy(nextObservations, 0, this.nextObservations, row * observationSize, obsLength);
        System.arraycopy(actions, 0, this.actions, row, nEnvs);
        System.arraycopy(rewards, 0, this.rewards, row, nEnvs);
        System.arraycopy(terminated, 0, this.terminated, row, nEnvs);
        position++;
        if (position == capacity) {
            full = true;
            position = 0;
        }
    }

    /**
     * Stores the step {@code env} has just taken from {@code previousObservations} with
     * {@code actions}: SB3's {@code _store_transition}. Copies whose episode ended get their
     * terminal observation as next observation; only {@code terminated} is stored as "done".
     */
    public void add(float[] previousObservations, int[] actions, VectorEnvironment env) {
        if (env.numEnvs() != nEnvs || env.observationSize() != observationSize) {
            throw new IllegalArgumentException("buffer holds " + nEnvs + " x " + observationSize + " observations, environment "
                    + env + " has " + env.numEnvs() + " x " + env.observationSize());
        }
        int row = position * nEnvs;
        System.arraycopy(previousObservations, 0, observations, row * observationSize, nEnvs * observationSize);
        boolean[] dones = env.dones();
        float[] next = env.observations(), terminal = env.terminalObservations();
        for (int e = 0; e < nEnvs; e++) {
            float[] source = dones[e] ? terminal : next;
            System.arraycopy(source, e * observationSize, nextObservations, (row + e) * observationSize, observationSize);
        }
        System.arraycopy(actions, 0, this.actions, row, nEnvs);
        System.arraycopy(env.rewards(), 0, rewards, row, nEnvs);
        System.arraycopy(env.terminated(), 0, terminated, row, nEnvs);
        position++;
        if (position == capacity) {
            full = true;
            position = 0;
        }
    }

    /** A batch of transitions, reused across calls. Row {@code i} of each array is sample {@code i}. */
    public static final class Batch {
        final int batchSize;
        final int observationSize;
        /** (batchSize, observationSize) */
        public final float[] observations;
        /** (batchSize) */
        public final int[] actions;
        /** (batchSize) */
        public final float[] rewards;
        /** (batchSize, observationSize) */
        public final float[] nextObservations;
        /** (batchSize): 1 where the episode terminated (no bootstrap), 0 otherwise (truncation included). */
        public final float[] terminated;

        public Batch(int batchSize, int observationSize) {
            this.batchSize = batchSize;
            this.observationSize = observationSize;
            observations = new float[batchSize * observationSize];
            actions = new int[batchSize];
            rewards = new float[batchSize];
            nextObservations = new float[batchSize * observationSize];
            terminated = new float[batchSize];
        }

        public int size() {
            return batchSize;
        }
    }

    /** A batch of {@code batchSize} transitions, each drawn uniformly with replacement. */
    public Batch sample(int batchSize, SplittableRandom random) {
        Batch batch = new Batch(batchSize, observationSize);
        sample(random, batch);
        return batch;
    }

    /** Fills {@code batch} with transitions drawn uniformly with replacement. */
    public void sample(SplittableRandom random, Batch batch) {
        if (batch.observationSize != observationSize) {
            throw new IllegalArgumentException("batch has observations of " + batch.observationSize + " floats, buffer "
                    + observationSize);
        }
        int stored = storedSteps();
        if (stored == 0) throw new IllegalStateException("cannot sample from an empty replay buffer");
        int n = batch.batchSize;
        int[] slots = batch.actions; // slot indices first, then copy indices, as SB3 draws them
        for (int i = 0; i < n; i++) slots[i] = random.nextInt(stored);
        for (int i = 0; i < n; i++) {
            int copy = random.nextInt(nEnvs);
            copyTransition(slots[i], copy, batch, i);
        }
    }

    /** Copies the transition of copy {@code copy} in slot {@code slot} into row {@code i} of {@code batch}. */
    void copyTransition(int slot, int copy, Batch batch, int i) {
        int row = slot * nEnvs + copy;
        System.arraycopy(observations, row * observationSize, batch.observations, i * observationSize, observationSize);
        System.arraycopy(nextObservations, row * observationSize, batch.nextObservations, i * observationSize, observationSize);
        batch.actions[i] = actions[row];
        batch.rewards[i] = rewards[row];
        batch.terminated[i] = terminated[row] ? 1f : 0f;
    }
}
