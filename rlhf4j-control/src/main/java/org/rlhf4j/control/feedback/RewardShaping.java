package org.rlhf4j.control.feedback;

import java.util.Objects;
import org.rlhf4j.control.onpolicy.TrainingReward;
import org.rlhf4j.control.onpolicy.Transitions;

/**
 * How a {@link FeedbackFunction} enters the reward a learner trains on: {@code ADD}
 * (environment reward + feedback) or {@code REPLACE} (feedback alone). The environment's own
 * return is still reported beside the shaped one, so a run shows whether the feedback helped
 * the task or only itself.
 */
public record RewardShaping(FeedbackFunction feedback, Combination combination) implements TrainingReward {

    public enum Combination {
        /** r' = r + feedback(s'). */
        ADD,
        /** r' = feedback(s'). */
        REPLACE
    }

    public RewardShaping {
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(combination, "combination");
    }

    public static RewardShaping added(FeedbackFunction feedback) {
        return new RewardShaping(feedback, Combination.ADD);
    }

    public static RewardShaping replacing(FeedbackFunction feedback) {
        return new RewardShaping(feedback, Combination.REPLACE);
    }

    /** The shaped reward of a step that earned {@code reward} and reached {@code observation[offset..]}. */
    public double shape(double reward, float[] observation, int offset) {
        double f = feedback.feedback(observation, offset);
        return combination == Combination.ADD ? reward + f : f;
    }

    /** Shapes each copy's reward with the feedback on the observation its step reached. */
    @Override
    public void rewards(Transitions step, float[] rewards) {
        int size = step.observationSize();
        for (int i = 0; i < step.numEnvs(); i++) rewards[i] = (float) shape(step.rewards()[i], step.reached(), i * size);
    }
}
