package org.rlhf4j.control.onpolicy;

import java.util.Arrays;
import org.rlhf4j.core.rl.Gae;

/**
 * What one rollout of {@code steps} x {@code envs} transitions holds, stable-baselines3's
 * {@code RolloutBuffer}. Every array is row-major (T, N, ...): entry {@code (t, e)} at
 * {@code t * envs + e}, the layout {@link Gae#rollout} takes.
 * <pre>
 *   observations  (T, N, obs)  s_t, the observation acted on
 *   actions       (T, N, act)  a_t as sampled (unclipped; a Discrete index as a float)
 *   rewards       (T, N)       r_t, plus gamma V(final observation) where the step was truncated
 *   episodeStarts (T, N)       s_t is the first observation of an episode
 *   values        (T, N)       V(s_t) at collection time
 *   logProbs      (T, N)       log pi_old(a_t | s_t)
 *   advantages    (T, N)       GAE(gamma, lambda), after computeReturnsAndAdvantage
 *   returns       (T, N)       advantages + values: the value targets (TD(lambda) returns)
 * </pre>
 * The live arrays are exposed read-only by convention; {@link #gather} copies a minibatch out.
 */
public final class RolloutBuffer {
    private final int steps;
    private final int envs;
    private final int observationSize;
    private final int actionSize;
    private final float[] observations;
    private final float[] actions;
    private final float[] rewards;
    private final boolean[] episodeStarts;
    private final float[] values;
    private final float[] logProbs;
    private float[] advantages;
    private float[] returns;
    private int position;

    public RolloutBuffer(int steps, int envs, int observationSize, int actionSize) {
        if (steps < 1 || envs < 1 || observationSize < 1 || actionSize < 1) {
            throw new IllegalArgumentException("steps, envs, observationSize and actionSize must be >= 1, got " + steps + ", " + envs
                    + ", " + observationSize + ", " + actionSize);
        }
        this.steps = steps;
        this.envs = envs;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        int n = steps * envs;
        observations = new float[n * observationSize];
        actions = new float[n * actionSize];
        rewards = new float[n];
        episodeStarts = new boolean[n];
        values = new float[n];
        logProbs = new float[n];
        advantages = new float[n];
        returns = new float[n];
    }

    /** A batch of transitions picked from the buffer, in the order given; arrays of exactly {@code size} rows. */
    public record Minibatch(int size, float[] observations, float[] actions, float[] oldValues, float[] oldLogProbs,
                            float[] advantages, float[] returns) {}

    /** Empties the buffer for the next rollout. */
    public void reset() {
        position = 0;
    }

    public boolean full() {
        return position == steps;
    }

    /** Transitions held when full: steps x envs. */
    public int size() {
        return steps * envs;
    }

    public int steps() {
        return steps;
    }

    public int envs() {
        return envs;
    }

    /**
     * Appends step t of every env: observations (N, obs), actions (N, act), rewards (N),
     * episodeStarts (N), values (N), logProbs (N); all copied.
     */
    public void add(float[] stepObservations, float[] stepActions, float[] stepRewards, boolean[] stepEpisodeStarts,
                    float[] stepValues, float[] stepLogProbs) {
        if (full()) throw new IllegalStateException("rollout buffer is full (" + steps + " steps); call reset() first");
        int row = position * envs;
        System.arraycopy(stepObservations, 0, observations, row * observationSize, envs * observationSize);
        System.arraycopy(stepActions, 0, actions, row * actionSize, envs * actionSize);
        System.arraycopy(stepRewards, 0, rewards, row, envs);
        System.arraycopy(stepEpisodeStarts, 0, episodeStarts, row, envs);
        System.arraycopy(stepValues, 0, values, row, envs);
        System.arraycopy(stepLogProbs, 0, logProbs, row, envs);
        position++;
    }

    /**
     * GAE and returns over the full buffer (SB3's {@code compute_returns_and_advantage}), given
     * V(s_T) of the observations after the last step (N) and whether that step ended an episode (N).
     */
    public void computeReturnsAndAdvantage(float[] lastValues, boolean[] lastDones, double gamma, double gaeLambda) {
        if (!full()) throw new IllegalStateException("rollout buffer holds " + position + " of " + steps + " steps; fill it first");
        Gae.Estimate estimate = Gae.rollout(rewards, values, episodeStarts, lastValues, lastDones, steps, envs, gamma, gaeLambda);
        advantages = estimate.advantages();
        returns = estimate.returns();
    }

    /** Copies rows {@code indices[from..to)} (flat (t, e) indices) into a new minibatch. */
    public Minibatch gather(int[] indices, int from, int to) {
        int size = to - from;
        if (size < 1 || from < 0 || to > indices.length) {
            throw new IllegalArgumentException("minibatch range [" + from + ", " + to + ") is empty or outside 0.." + indices.length);
        }
        float[] obs = new float[size * observationSize], act = new float[size * actionSize];
        float[] oldValues = new float[size], oldLogProbs = new float[size], adv = new float[size], ret = new float[size];
        for (int k = 0; k < size; k++) {
            int i = indices[from + k];
            System.arraycopy(observations, i * observationSize, obs, k * observationSize, observationSize);
            System.arraycopy(actions, i * actionSize, act, k * actionSize, actionSize);
            oldValues[k] = values[i];
            oldLogProbs[k] = logProbs[i];
            adv[k] = advantages[i];
            ret[k] = returns[i];
        }
        return new Minibatch(size, obs, act, oldValues, oldLogProbs, adv, ret);
    }

    /** The whole buffer as one minibatch in (t, e) order (A2C's single batch). */
    public Minibatch all() {
        int[] identity = new int[size()];
        Arrays.setAll(identity, i -> i);
        return gather(identity, 0, identity.length);
    }

    public float[] observations() {
        return observations;
    }

    public float[] actions() {
        return actions;
    }

    public float[] rewards() {
        return rewards;
    }

    public boolean[] episodeStarts() {
        return episodeStarts;
    }

    public float[] values() {
        return values;
    }

    public float[] logProbs() {
        return logProbs;
    }

    public float[] advantages() {
        return advantages;
    }

    public float[] returns() {
        return returns;
    }
}
