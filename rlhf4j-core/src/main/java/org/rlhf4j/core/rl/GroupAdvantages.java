package org.rlhf4j.core.rl;

/**
 * Critic-free advantages from groups of replies to the same prompt: the group itself is the
 * baseline. Rows are laid out group by group, {@code k} consecutive rows per prompt.
 * <ul>
 *   <li>{@link #grpo}: GRPO's group-normalised advantage (Shao et al. 2024, "DeepSeekMath",
 *       https://arxiv.org/abs/2402.03300, section 4.1), {@code (r_i - mean_group) / (std_group +
 *       1e-4)} with the unbiased group standard deviation, as TRL's {@code GRPOTrainer}; with
 *       {@code scaleRewards} off only the mean is subtracted (Liu et al. 2025, "Understanding
 *       R1-Zero-Like Training", Dr. GRPO, https://arxiv.org/abs/2503.20783, which shows the
 *       division by std weights easy and hard prompts unevenly). A group whose rewards are all
 *       equal gives every reply an advantage of exactly 0: it teaches nothing.</li>
 *   <li>{@link #leaveOneOut}: RLOO's baseline (Kool et al. 2019, "Buy 4 REINFORCE Samples, Get a
 *       Baseline for Free!"; Ahmadian et al. 2024, "Back to Basics", https://arxiv.org/abs/2402.14740),
 *       {@code r_i - mean of the other k - 1 rewards of its group}, an unbiased baseline because it
 *       does not depend on reply i.</li>
 * </ul>
 */
public final class GroupAdvantages {
    /** Added to the group's standard deviation before dividing, as TRL's GRPOTrainer. */
    public static final double STD_EPSILON = 1e-4;

    private GroupAdvantages() {}

    /**
     * @param advantages    (N) one per reply
     * @param groupStds     (N / k) the unbiased standard deviation of each group's rewards
     * @param zeroStdGroups groups whose rewards were all equal (TRL's {@code frac_reward_zero_std} is this / groups)
     */
    public record Grouped(float[] advantages, double[] groupStds, int zeroStdGroups) {
        public double fracZeroStd() {
            return (double) zeroStdGroups / groupStds.length;
        }
    }

    /** GRPO's advantages of {@code rewards} (N, a multiple of {@code k}), groups of {@code k >= 2} consecutive rows. */
    public static Grouped grpo(double[] rewards, int k, boolean scaleRewards) {
        int groups = check(rewards, k);
        float[] adv = new float[rewards.length];
        double[] stds = new double[groups];
        int zero = 0;
        for (int g = 0; g < groups; g++) {
            int from = g * k;
            double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < from + k; i++) {
                sum += rewards[i];
                min = Math.min(min, rewards[i]);
                max = Math.max(max, rewards[i]);
            }
            double mean = sum / k, squares = 0;
            for (int i = from; i < from + k; i++) squares += (rewards[i] - mean) * (rewards[i] - mean);
            stds[g] = Math.sqrt(squares / (k - 1));
            if (min == max) {   // all equal: exactly 0, whatever rounding the mean had
                zero++;
                stds[g] = 0;
                continue;
            }
            for (int i = from; i < from + k; i++) {
                double centred = rewards[i] - mean;
                adv[i] = (float) (scaleRewards ? centred / (stds[g] + STD_EPSILON) : centred);
            }
        }
        return new Grouped(adv, stds, zero);
    }

    /** RLOO's advantages: each reward minus the mean of the other {@code k - 1} in its group. */
    public static float[] leaveOneOut(double[] rewards, int k) {
        int groups = check(rewards, k);
        float[] adv = new float[rewards.length];
        for (int g = 0; g < groups; g++) {
            int from = g * k;
            double sum = 0;
            for (int i = from; i < from + k; i++) sum += rewards[i];
            for (int i = from; i < from + k; i++) adv[i] = (float) (rewards[i] - (sum - rewards[i]) / (k - 1));
        }
        return adv;
    }

    private static int check(double[] rewards, int k) {
        if (k < 2) throw new IllegalArgumentException("a group needs at least 2 replies per prompt, got " + k);
        if (rewards.length == 0 || rewards.length % k != 0) {
            throw new IllegalArgumentException("rewards (" + rewards.length + ") must be a non-empty multiple of the group size " + k);
        }
        for (int i = 0; i < rewards.length; i++) {
            if (!Double.isFinite(rewards[i])) throw new IllegalArgumentException("reward " + i + " is not finite (" + rewards[i] + ")");
        }
        return rewards.length / k;
    }
}
