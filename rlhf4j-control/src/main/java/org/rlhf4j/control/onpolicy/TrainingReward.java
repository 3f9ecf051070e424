package org.rlhf4j.control.onpolicy;

/**
 * The reward a learner trains on in place of the environment's, computed for every step of the
 * vectorised rollout: a feedback function's shaping ({@link org.rlhf4j.control.feedback.RewardShaping})
 * or a reward model learned from people's comparisons
 * ({@link org.rlhf4j.control.preference.PreferenceRewardModel}). The environment's own return is
 * still what {@code rollout/ep_rew_mean} reports; the trained-on return is
 * {@code rollout/ep_shaped_rew_mean}. Called on the training thread, once per vectorised step.
 */
@FunctionalInterface
public interface TrainingReward {
    /** Writes the reward of each of the {@code step.numEnvs()} copies' last step into {@code rewards}. */
    void rewards(Transitions step, float[] rewards);
}
