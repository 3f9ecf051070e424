package org.rlhf4j.control.onpolicy;

/**
 * One vectorised step as a {@link TrainingReward} sees it: for each of {@code numEnvs} copies the
 * observation the action was taken in, the action, the environment's reward, the observation the
 * step reached (the final observation where the episode ended, before the auto-reset) and the
 * episode flags. A view over the rollout's working arrays, valid only during the call; copy what
 * you keep. Arrays are row-major {@code (numEnvs, size)}.
 */
public final class Transitions {
    private final int numEnvs;
    private final int observationSize;
    private final int actionSize;
    final float[] reached;
    float[] observations;
    float[] actions;
    float[] rewards;
    boolean[] terminated;
    boolean[] truncated;

    Transitions(int numEnvs, int observationSize, int actionSize) {
        this.numEnvs = numEnvs;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.reached = new float[numEnvs * observationSize];
    }

    /** A view over caller-owned arrays, e.g. for tests or replaying recorded steps. */
    public static Transitions of(int numEnvs, float[] observations, float[] actions, float[] rewards, float[] reached,
                                 boolean[] terminated, boolean[] truncated) {
        if (numEnvs < 1) throw new IllegalArgumentException("numEnvs must be >= 1, got " + numEnvs);
        int observationSize = observations.length / numEnvs, actionSize = actions.length / numEnvs;
        if (observations.length != numEnvs * observationSize || reached.length != observations.length
                || actions.length != numEnvs * actionSize || rewards.length != numEnvs || terminated.length != numEnvs
                || truncated.length != numEnvs) {
            throw new IllegalArgumentException("arrays do not describe " + numEnvs + " copies with equal-sized rows");
        }
        Transitions t = new Transitions(numEnvs, observationSize, actionSize);
        System.arraycopy(reached, 0, t.reached, 0, reached.length);
        t.set(observations, actions, rewards, terminated, truncated);
        return t;
    }

    void set(float[] observations, float[] actions, float[] rewards, boolean[] terminated, boolean[] truncated) {
        this.observations = observations;
        this.actions = actions;
        this.rewards = rewards;
        this.terminated = terminated;
        this.truncated = truncated;
    }

    public int numEnvs() {
        return numEnvs;
    }

    public int observationSize() {
        return observationSize;
    }

    /** 1 for a discrete action (its index as a float), else the Box's size. */
    public int actionSize() {
        return actionSize;
    }

    /** (numEnvs, observationSize): where each copy took its action. */
    public float[] observations() {
        return observations;
    }

    /** (numEnvs, actionSize): the action as the policy sampled it (before clipping to a Box's bounds). */
    public float[] actions() {
        return actions;
    }

    /** (numEnvs): the environment's reward. */
    public float[] rewards() {
        return rewards;
    }

    /** (numEnvs, observationSize): the observation each step reached, the final one where the episode ended. */
    public float[] reached() {
        return reached;
    }

    /** The episode ended in a terminal state (the pole fell); no reward follows. */
    public boolean terminated(int copy) {
        return terminated[copy];
    }

    /** The episode was cut by the time limit; the task itself would have gone on. */
    public boolean truncated(int copy) {
        return truncated[copy];
    }

    public boolean done(int copy) {
        return terminated[copy] || truncated[copy];
    }
}
