package org.rlhf4j.control.env;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Base class for environments: checks arguments and life cycle, owns the random-number
 * generator, and applies the time limit (Gymnasium's {@code TimeLimit} wrapper, which
 * {@code gymnasium.make} adds: after {@code maxEpisodeSteps} steps, {@code truncated = true}).
 *
 * <p>A subclass implements {@link #sampleInitialState(SplittableRandom)}, {@link #writeObservation}
 * and one of the two {@code advance} methods; none of them needs to validate its input.
 *
 * <p>Random numbers: {@link SplittableRandom}, re-created from the seed by a seeded reset. It is
 * not numpy's PCG64 stream, so a seed gives a different (but equally distributed) initial state
 * than in Gymnasium.
 */
public abstract class AbstractEnvironment implements Environment {
    private final String id;
    private final Space observationSpace;
    private final Space actionSpace;
    private final int observationSize;
    private final int maxEpisodeSteps;
    /** Action count for a Discrete action space, -1 for a Box. */
    private final int discreteActionCount;
    /** Action length for a Box action space, -1 for a Discrete. */
    private final int continuousActionSize;

    /** Unseeded until the first seeded reset, like an unseeded {@code np_random} in Gymnasium. */
    private SplittableRandom random = new SplittableRandom();
    private int elapsedSteps;
    /** True before the first reset and after the episode ended. */
    private boolean needsReset = true;
    private String needsResetReason = "reset() has not been called yet";

    protected AbstractEnvironment(String id, Space observationSpace, Space actionSpace, int maxEpisodeSteps) {
        this.id = Objects.requireNonNull(id, "id");
        this.observationSpace = Objects.requireNonNull(observationSpace, "observationSpace");
        this.actionSpace = Objects.requireNonNull(actionSpace, "actionSpace");
        if (maxEpisodeSteps < 0) {
            throw new IllegalArgumentException(id + ": maxEpisodeSteps must be >= 0 (0 = no limit), got "
                    + maxEpisodeSteps);
        }
        this.observationSize = observationSpace.flatSize();
        this.maxEpisodeSteps = maxEpisodeSteps;
        if (actionSpace instanceof Space.Discrete discrete) {
            discreteActionCount = discrete.n();
            continuousActionSize = -1;
        } else {
            discreteActionCount = -1;
            continuousActionSize = actionSpace.flatSize();
        }
    }

    /** Draws the initial state of an episode from {@code random} (the only source of randomness). */
    protected abstract void sampleInitialState(SplittableRandom random);

    /** Writes the observation of the current state to {@code observation[offset ..]}. */
    protected abstract void writeObservation(float[] observation, int offset);

    /**
     * Advances the state by one step under a valid discrete action and stores reward and
     * {@code terminated} with {@code result.set(reward, terminated, false)}; truncation is
     * added afterwards. Override in environments with a {@link Space.Discrete} action space.
     */
    protected void advance(int action, StepResult result) {
        throw new UnsupportedOperationException(id + " does not implement discrete actions");
    }

    /**
     * Continuous counterpart of {@link #advance(int, StepResult)}; {@code action} has the right
     * length and no NaN, but is not clipped to the action space.
     */
    protected void advance(float[] action, StepResult result) {
        throw new UnsupportedOperationException(id + " does not implement continuous actions");
    }

    /** The environment's random-number generator, for subclasses with stochastic dynamics. */
    protected final SplittableRandom random() {
        return random;
    }

    /**
     * For {@code setState} methods: lets the next step run without a reset, keeping the step
     * counter (so tests can drive an episode to its time limit from chosen states).
     */
    protected final void allowSteppingFromSetState() {
        needsReset = false;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Space observationSpace() {
        return observationSpace;
    }

    @Override
    public final Space actionSpace() {
        return actionSpace;
    }

    @Override
    public final int observationSize() {
        return observationSize;
    }

    @Override
    public final int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** Steps taken since the last reset. */
    public final int elapsedSteps() {
        return elapsedSteps;
    }

    @Override
    public final void reset(long seed, float[] observation, int offset) {
        checkObservationBuffer(observation, offset);
        random = new SplittableRandom(seed);
        startEpisode(observation, offset);
    }

    @Override
    public final void reset(float[] observation, int offset) {
        checkObservationBuffer(observation, offset);
        startEpisode(observation, offset);
    }

    private void startEpisode(float[] observation, int offset) {
        sampleInitialState(random);
        elapsedSteps = 0;
        needsReset = false;
        writeObservation(observation, offset);
    }

    @Override
    public final void step(int action, float[] observation, int offset, StepResult result) {
        checkSteppable(observation, offset, result);
        if (discreteActionCount < 0) {
            throw new IllegalArgumentException(id + " has the continuous action space " + actionSpace
                    + "; call step(float[] action, ...) instead of step(int action, ...)");
        }
        if (action < 0 || action >= discreteActionCount) {
            throw new IllegalArgumentException(id + ": action " + action + " is outside the action space "
                    + actionSpace + "; allowed actions are 0.." + (discreteActionCount - 1));
        }
        result.set(0.0, false, false);
        advance(action, result);
        finishStep(observation, offset, result);
    }

    @Override
    public final void step(float[] action, float[] observation, int offset, StepResult result) {
        checkSteppable(observation, offset, result);
        Objects.requireNonNull(action, "action");
        if (continuousActionSize < 0) {
            throw new IllegalArgumentException(id + " has the discrete action space " + actionSpace
                    + "; call step(int action, ...) with an action in 0.." + (discreteActionCount - 1));
        }
        if (action.length != continuousActionSize) {
            throw new IllegalArgumentException(id + ": action must have " + continuousActionSize
                    + " component(s) for the action space " + actionSpace + ", got " + action.length);
        }
        for (int i = 0; i < action.length; i++) {
            if (Float.isNaN(action[i])) {
                throw new IllegalArgumentException(id + ": action component " + i + " is NaN: "
                        + Arrays.toString(action) + "; allowed range " + actionSpace);
            }
        }
        result.set(0.0, false, false);
        advance(action, result);
        finishStep(observation, offset, result);
    }

    private void finishStep(float[] observation, int offset, StepResult result) {
        elapsedSteps++;
        // Gymnasium TimeLimit: truncated = elapsed_steps >= max_episode_steps, independent of terminated.
        if (maxEpisodeSteps > 0 && elapsedSteps >= maxEpisodeSteps) {
            result.setTruncated(true);
        }
        if (result.done()) {
            needsReset = true;
            needsResetReason = result.terminated() ? "the episode terminated" : "the episode was truncated";
        }
        writeObservation(observation, offset);
    }

    private void checkSteppable(float[] observation, int offset, StepResult result) {
        if (needsReset) {
            throw new IllegalStateException(id + ": " + needsResetReason + "; call reset() before step()");
        }
        checkObservationBuffer(observation, offset);
        Objects.requireNonNull(result, "result");
    }

    private void checkObservationBuffer(float[] observation, int offset) {
        Objects.requireNonNull(observation, "observation");
        if (offset < 0 || observation.length - offset < observationSize) {
            throw new IllegalArgumentException(id + ": observation buffer needs " + observationSize
                    + " floats from offset " + offset + ", but its length is " + observation.length);
        }
    }

    /** Writes the current observation into a new array; for tests and debugging, not the hot path. */
    public final float[] currentObservation() {
        float[] observation = new float[observationSize];
        writeObservation(observation, 0);
        return observation;
    }

    /** Default picture: id, step count and observation values. */
    @Override
    public String renderText() {
        return id + "  step " + elapsedSteps + "  obs " + Arrays.toString(currentObservation());
    }
}
