package org.rlhf4j.control.env;

/**
 * A reinforcement-learning task with Gymnasium's episode semantics, shaped so that stepping
 * allocates nothing: observations are written into a caller-provided {@code float[]} at an
 * offset (so {@link VectorEnvironment} can point every copy at its slice of one flat buffer), and
 * reward and end flags go into a caller-owned, reusable {@link StepResult}.
 *
 * <p>Life cycle: {@code reset} (seeded or not), then {@code step} until
 * {@link StepResult#done()}, then {@code reset} again. Stepping before the first reset or after
 * the episode ended throws {@link IllegalStateException} (stable-baselines3's {@code Monitor}
 * raises there too; plain Gymnasium calls it undefined behaviour).
 *
 * <p>Most implementations should extend {@link AbstractEnvironment}, which does the argument
 * checks, the random-number generator, and the time limit. Implementations are not thread-safe;
 * use one instance per thread.
 */
public interface Environment {

    /** Registry id, e.g. {@code "CartPole-v1"}; used in error messages. */
    String id();

    /** Space of the observations written by {@code reset} and {@code step}. */
    Space observationSpace();

    /** Space of the actions {@code step} accepts. */
    Space actionSpace();

    /** Floats written per observation: {@code observationSpace().flatSize()}. */
    default int observationSize() {
        return observationSpace().flatSize();
    }

    /** Steps after which an episode is truncated (Gymnasium's {@code max_episode_steps}); 0 = no limit. */
    int maxEpisodeSteps();

    /**
     * Re-seeds the environment's random-number generator with {@code seed}, samples an initial
     * state, and writes its observation to {@code observation[offset .. offset+observationSize())}.
     * The same seed always gives the same initial state and, with the same actions, the same episode.
     */
    void reset(long seed, float[] observation, int offset);

    /** Like {@link #reset(long, float[], int)}, but continues the environment's own random stream. */
    void reset(float[] observation, int offset);

    /**
     * Applies a discrete action, writes the next observation, and stores reward and end flags in
     * {@code result}.
     *
     * @throws IllegalArgumentException if the action space is not {@link Space.Discrete}, or
     *         {@code action} is outside it, or the buffer is too small
     * @throws IllegalStateException if the episode needs a reset
     */
    void step(int action, float[] observation, int offset, StepResult result);

    /**
     * Applies a continuous action (length {@code actionSpace().flatSize()}); otherwise as
     * {@link #step(int, float[], int, StepResult)}.
     */
    void step(float[] action, float[] observation, int offset, StepResult result);

    default void reset(long seed, float[] observation) {
        reset(seed, observation, 0);
    }

    default void reset(float[] observation) {
        reset(observation, 0);
    }

    default void step(int action, float[] observation, StepResult result) {
        step(action, observation, 0, result);
    }

    default void step(float[] action, float[] observation, StepResult result) {
        step(action, observation, 0, result);
    }

    /** A small plain-text picture of the current state, for a terminal; see {@link TextFrames}. */
    default String renderText() {
        return id();
    }
}
