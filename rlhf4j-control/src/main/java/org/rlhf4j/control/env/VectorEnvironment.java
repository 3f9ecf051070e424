package org.rlhf4j.control.env;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * N copies of an environment stepped together with stable-baselines3 {@code DummyVecEnv}
 * semantics:
 * <ul>
 *   <li>{@link #reset(long)} seeds copy {@code i} with {@code seed + i} (SB3 {@code VecEnv.seed});
 *       {@link #reset()} continues each copy's own random stream.</li>
 *   <li>When a copy's episode ends in {@link #step}, it is reset in the same call (unseeded), the
 *       observation buffer then holds the first observation of the new episode, and the last
 *       observation of the finished one is kept in {@link #terminalObservations()} (SB3:
 *       {@code infos[i]["terminal_observation"]}), so a learner can bootstrap on truncation.</li>
 *   <li>Observations live in one flat float buffer, copy {@code i} at
 *       {@code [i * observationSize, (i + 1) * observationSize)}.</li>
 * </ul>
 * The arrays returned by the accessors are the live buffers, overwritten by the next
 * {@code reset}/{@code step}; read or copy them, do not modify them. Stepping allocates nothing.
 * {@link #statistics()} records every step (SB3 {@code Monitor}). Not thread-safe.
 */
public final class VectorEnvironment {
    private final Environment[] copies;
    private final int observationSize;
    private final Space actionSpace;
    private final int discreteActionCount;
    private final int continuousActionSize;
    private final float[] observations;
    private final float[] terminalObservations;
    /** Rewards as float32, like SB3's {@code buf_rews}; {@link #statistics()} sums the float64 rewards. */
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final boolean[] done;
    private final StepResult result = new StepResult();
    private final float[] actionScratch;
    private final EpisodeStatistics statistics;
    private boolean resetCalled;

    /** Wraps the given environments (at least one, all with the same spaces). */
    public VectorEnvironment(List<? extends Environment> environments) {
        Objects.requireNonNull(environments, "environments");
        if (environments.isEmpty()) {
            throw new IllegalArgumentException("VectorEnvironment needs at least one environment");
        }
        copies = environments.toArray(new Environment[0]);
        Environment first = copies[0];
        for (int i = 0; i < copies.length; i++) {
            Objects.requireNonNull(copies[i], "environment " + i);
            for (int j = 0; j < i; j++) {
                if (copies[j] == copies[i]) {
                    throw new IllegalArgumentException("environments " + j + " and " + i
                            + " are the same instance; each copy needs its own");
                }
            }
            if (!copies[i].observationSpace().equals(first.observationSpace())
                    || !copies[i].actionSpace().equals(first.actionSpace())) {
                throw new IllegalArgumentException("environment " + i + " (" + copies[i].id()
                        + ") has different spaces from environment 0 (" + first.id() + ")");
            }
        }
        observationSize = first.observationSize();
        actionSpace = first.actionSpace();
        if (actionSpace instanceof Space.Discrete discrete) {
            discreteActionCount = discrete.n();
            continuousActionSize = -1;
        } else {
            discreteActionCount = -1;
            continuousActionSize = actionSpace.flatSize();
        }
        int n = copies.length;
        observations = new float[n * observationSize];
        terminalObservations = new float[n * observationSize];
        rewards = new float[n];
        terminated = new boolean[n];
        truncated = new boolean[n];
        done = new boolean[n];
        actionScratch = new float[Math.max(continuousActionSize, 0)];
        statistics = new EpisodeStatistics(n);
    }

    /** {@code count} copies from {@code factory}. */
    public static VectorEnvironment of(int count, Supplier<? extends Environment> factory) {
        if (count < 1) {
            throw new IllegalArgumentException("VectorEnvironment needs count >= 1, got " + count);
        }
        Environment[] environments = new Environment[count];
        for (int i = 0; i < count; i++) {
            environments[i] = factory.get();
        }
        return new VectorEnvironment(List.of(environments));
    }

    /** {@code count} copies of the registered environment {@code id} (see {@link Environments#make}). */
    public static VectorEnvironment make(String id, int count) {
        Environments.make(id); // fail fast with the list of known ids
        return of(count, () -> Environments.make(id));
    }

    public int numEnvs() {
        return copies.length;
    }

    public int observationSize() {
        return observationSize;
    }

    public Space observationSpace() {
        return copies[0].observationSpace();
    }

    public Space actionSpace() {
        return actionSpace;
    }

    /** Copy {@code i}; stepping it directly bypasses auto-reset and statistics. */
    public Environment environment(int i) {
        return copies[i];
    }

    /** Resets copy {@code i} with seed {@code seed + i}; returns the observation buffer. */
    public float[] reset(long seed) {
        for (int i = 0; i < copies.length; i++) {
            copies[i].reset(seed + i, observations, i * observationSize);
        }
        afterReset();
        return observations;
    }

    /** Resets every copy from its own random stream; returns the observation buffer. */
    public float[] reset() {
        for (int i = 0; i < copies.length; i++) {
            copies[i].reset(observations, i * observationSize);
        }
        afterReset();
        return observations;
    }

    private void afterReset() {
        for (int i = 0; i < copies.length; i++) {
            statistics.discardRunningEpisode(i);
            rewards[i] = 0f;
            terminated[i] = false;
            truncated[i] = false;
            done[i] = false;
        }
        resetCalled = true;
    }

    /**
     * Steps copy {@code i} with {@code actions[i]} (discrete action spaces). All actions are
     * checked before any copy moves.
     */
    public void step(int[] actions) {
        checkReset();
        Objects.requireNonNull(actions, "actions");
        if (discreteActionCount < 0) {
            throw new IllegalArgumentException(describe() + " has the continuous action space " + actionSpace
                    + "; call step(float[] actions) with " + copies.length + " x " + continuousActionSize + " floats");
        }
        if (actions.length != copies.length) {
            throw new IllegalArgumentException(describe() + ": need " + copies.length + " actions, got "
                    + actions.length);
        }
        for (int i = 0; i < actions.length; i++) {
            if (actions[i] < 0 || actions[i] >= discreteActionCount) {
                throw new IllegalArgumentException(describe() + ": actions[" + i + "] = " + actions[i]
                        + " is outside the action space " + actionSpace + "; allowed actions are 0.."
                        + (discreteActionCount - 1));
            }
        }
        for (int i = 0; i < copies.length; i++) {
            copies[i].step(actions[i], observations, i * observationSize, result);
            afterStep(i);
        }
    }

    /**
     * Steps copy {@code i} with {@code actions[i * a .. (i + 1) * a)}, {@code a} the action size
     * (continuous action spaces).
     */
    public void step(float[] actions) {
        checkReset();
        Objects.requireNonNull(actions, "actions");
        if (continuousActionSize < 0) {
            throw new IllegalArgumentException(describe() + " has the discrete action space " + actionSpace
                    + "; call step(int[] actions)");
        }
        if (actions.length != copies.length * continuousActionSize) {
            throw new IllegalArgumentException(describe() + ": need " + copies.length + " x "
                    + continuousActionSize + " = " + copies.length * continuousActionSize + " action floats, got "
                    + actions.length);
        }
        for (int i = 0; i < copies.length; i++) {
            System.arraycopy(actions, i * continuousActionSize, actionScratch, 0, continuousActionSize);
            copies[i].step(actionScratch, observations, i * observationSize, result);
            afterStep(i);
        }
    }

    private void afterStep(int i) {
        rewards[i] = (float) result.reward();
        terminated[i] = result.terminated();
        truncated[i] = result.truncated();
        boolean ended = result.done();
        done[i] = ended;
        statistics.observeStep(i, result.reward(), ended);
        if (ended) {
            int offset = i * observationSize;
            System.arraycopy(observations, offset, terminalObservations, offset, observationSize);
            copies[i].reset(observations, offset);
        }
    }

    private void checkReset() {
        if (!resetCalled) {
            throw new IllegalStateException(describe() + ": call reset() before step()");
        }
    }

    private String describe() {
        return "VectorEnvironment(" + copies[0].id() + " x " + copies.length + ")";
    }

    /** Flat observations {@code [numEnvs * observationSize]}; after auto-reset, of the new episode. */
    public float[] observations() {
        return observations;
    }

    /**
     * Flat final observations of the episodes that ended in the last step; copy {@code i}'s slice
     * is valid only where {@code done()[i]} (stale otherwise).
     */
    public float[] terminalObservations() {
        return terminalObservations;
    }

    /** Copies copy {@code i}'s final observation of the last step into {@code destination}. */
    public void terminalObservation(int i, float[] destination) {
        if (!done[i]) {
            throw new IllegalStateException(describe() + ": copy " + i + " did not end an episode in the last step");
        }
        System.arraycopy(terminalObservations, i * observationSize, destination, 0, observationSize);
    }

    /** Rewards of the last step (float32, as SB3's VecEnv returns them). */
    public float[] rewards() {
        return rewards;
    }

    public boolean[] terminated() {
        return terminated;
    }

    /** Raw truncation flags; SB3's {@code TimeLimit.truncated} is {@code truncated[i] && !terminated[i]}. */
    public boolean[] truncated() {
        return truncated;
    }

    /** {@code terminated[i] || truncated[i]}: SB3's {@code dones}. */
    public boolean[] dones() {
        return done;
    }

    public EpisodeStatistics statistics() {
        return statistics;
    }

    @Override
    public String toString() {
        return describe();
    }
}
