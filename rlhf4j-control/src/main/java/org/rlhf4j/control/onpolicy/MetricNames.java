package org.rlhf4j.control.onpolicy;

/**
 * Metric names, spelt as stable-baselines3 logs them, so that users' dashboards and habits carry
 * over. {@link #ROLLOUT_EP_SHAPED_REW_MEAN} is rlhf4j's own: the return under a feedback-shaped
 * reward, beside SB3's {@code ep_rew_mean}, which stays the environment's (SB3's {@code Monitor}
 * sits inside any reward wrapper, so it too reports the true return).
 */
public final class MetricNames {
    public static final String ROLLOUT_EP_REW_MEAN = "rollout/ep_rew_mean";
    public static final String ROLLOUT_EP_LEN_MEAN = "rollout/ep_len_mean";
    public static final String ROLLOUT_EP_SHAPED_REW_MEAN = "rollout/ep_shaped_rew_mean";
    public static final String TIME_FPS = "time/fps";
    public static final String TIME_ITERATIONS = "time/iterations";
    public static final String TIME_ELAPSED = "time/time_elapsed";
    public static final String TIME_TOTAL_TIMESTEPS = "time/total_timesteps";
    public static final String TRAIN_APPROX_KL = "train/approx_kl";
    public static final String TRAIN_CLIP_FRACTION = "train/clip_fraction";
    public static final String TRAIN_CLIP_RANGE = "train/clip_range";
    public static final String TRAIN_CLIP_RANGE_VF = "train/clip_range_vf";
    public static final String TRAIN_ENTROPY_LOSS = "train/entropy_loss";
    public static final String TRAIN_EXPLAINED_VARIANCE = "train/explained_variance";
    public static final String TRAIN_LEARNING_RATE = "train/learning_rate";
    public static final String TRAIN_LOSS = "train/loss";
    public static final String TRAIN_N_UPDATES = "train/n_updates";
    /** PPO's clipped surrogate loss. */
    public static final String TRAIN_POLICY_GRADIENT_LOSS = "train/policy_gradient_loss";
    /** A2C's plain policy-gradient loss. */
    public static final String TRAIN_POLICY_LOSS = "train/policy_loss";
    public static final String TRAIN_STD = "train/std";
    public static final String TRAIN_VALUE_LOSS = "train/value_loss";

    private MetricNames() {}
}
