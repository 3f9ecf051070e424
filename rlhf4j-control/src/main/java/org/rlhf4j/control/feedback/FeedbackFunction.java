package org.rlhf4j.control.feedback;

/**
 * A person's judgement of a state written as code: a number for reaching {@code observation},
 * added to or replacing the environment's reward ({@link RewardShaping}). This is the simplest
 * form of human feedback in control (reward shaping, Ng, Harada and Russell 1999); a reward
 * learned from comparisons of trajectory segments (Christiano et al. 2017) is in
 * {@link org.rlhf4j.control.preference}.
 */
@FunctionalInterface
public interface FeedbackFunction {
    /**
     * Feedback for the observation a step reached: {@code observationSize} floats at
     * {@code observation[offset..]} (the final observation when the step ended the episode).
     */
    double feedback(float[] observation, int offset);
}
