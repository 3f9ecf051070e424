package org.rlhf4j.control.env;

/**
 * Reusable, mutable outcome of one {@link Environment} step: the reward and Gymnasium's two
 * episode-end flags. The caller allocates one and passes it to every step, so stepping allocates
 * nothing; its values are valid until the next step that writes into it.
 *
 * <p>{@code terminated} means the task reached a terminal state of the MDP (pole fell, goal
 * reached): do not bootstrap from the next state. {@code truncated} means the episode was cut off
 * from outside the MDP, here by the time limit: bootstrap from the final observation. Both can be
 * true on the same step (Gymnasium's {@code TimeLimit} sets {@code truncated} regardless of
 * {@code terminated}); stable-baselines3 bootstraps only when {@code truncated && !terminated}.
 */
public final class StepResult {
    private double reward;
    private boolean terminated;
    private boolean truncated;

    /** Reward of the step (float64, as Gymnasium returns it). */
    public double reward() {
        return reward;
    }

    /** The MDP reached a terminal state. */
    public boolean terminated() {
        return terminated;
    }

    /** The episode was cut off (time limit) in a non-terminal state. */
    public boolean truncated() {
        return truncated;
    }

    /** {@code terminated || truncated}: the episode is over and the environment needs a reset. */
    public boolean done() {
        return terminated || truncated;
    }

    /** Whether a learner should bootstrap from the final observation: truncated but not terminated. */
    public boolean bootstrapFromFinalObservation() {
        return truncated && !terminated;
    }

    /** Overwrites all three values; for {@link Environment} implementations. */
    public void set(double reward, boolean terminated, boolean truncated) {
        this.reward = reward;
        this.terminated = terminated;
        this.truncated = truncated;
    }

    /** Overwrites only the truncation flag (used by the time limit after the task has stepped). */
    public void setTruncated(boolean truncated) {
        this.truncated = truncated;
    }

    @Override
    public String toString() {
        return "StepResult[reward=" + reward + ", terminated=" + terminated + ", truncated=" + truncated + "]";
    }
}
