package org.rlhf4j.core.run;

/**
 * Metric names of the language-model trainers, namespaced and spelt as TRL and Hugging Face's
 * Trainer log them where the concept is the same, so users' dashboards and habits carry over.
 * (Control tasks use stable-baselines3's names: {@code org.rlhf4j.control.onpolicy.MetricNames}.)
 */
public final class MetricNames {
    private MetricNames() {}

    /** Supervised next-token training (pretraining, SFT). */
    public static final class Train {
        public static final String LOSS = "train/loss";
        public static final String LEARNING_RATE = "train/learning_rate";
        public static final String GRAD_NORM = "train/grad_norm";
        public static final String TOKENS = "train/tokens";
        public static final String TOKENS_PER_SECOND = "train/tokens_per_second";
        public static final String SKIPPED_STEPS = "train/skipped_steps";

        private Train() {}
    }

    /** Held-out evaluation. */
    public static final class Eval {
        public static final String LOSS = "eval/loss";
        /** Mean reward-function score of the policy's replies to held-out prompts. */
        public static final String SCORE = "eval/score";
        /** Mean gold score of those replies, where the world knows one (never shown to the learner). */
        public static final String GOLD = "eval/gold";
        /** Mean KL to the reference of those replies, nats per reply. */
        public static final String KL = "eval/kl";
        public static final String RESPONSE_LENGTH = "eval/response_length";
        public static final String EOS_RATE = "eval/eos_rate";
        /** The same scores for greedy replies. */
        public static final String GOLD_GREEDY = "eval/gold_greedy";
        public static final String SCORE_GREEDY = "eval/score_greedy";
        /** The support world's gold terms of the sampled replies. */
        public static final String GOLD_RELEVANCE = "eval/gold_relevance";
        public static final String GOLD_DETAILS = "eval/gold_details";
        public static final String GOLD_WRONG_DETAIL_RATE = "eval/gold_wrong_detail_rate";
        /** Mean per-token k3 estimate of KL to the reference on the policy's samples, nats per token. */
        public static final String KL_K3 = "eval/kl_k3";
        /** Share of prompts where the policy's sample beats the reference's, by gold (ties half). */
        public static final String WIN_RATE_GOLD = "eval/win_rate_gold";
        /** The same judged by the reward function. */
        public static final String WIN_RATE_SCORE = "eval/win_rate_score";
        /** Distinct word unigrams and bigrams over all replies (Li et al. 2016). */
        public static final String DISTINCT_1 = "eval/distinct_1";
        public static final String DISTINCT_2 = "eval/distinct_2";

        private Eval() {}
    }

    /** TRL's classic PPOTrainer names ({@code objective/}, {@code ppo/}, {@code tokens/}, {@code time/ppo/}). */
    public static final class Ppo {
        public static final String KL = "objective/kl";
        public static final String KL_COEF = "objective/kl_coef";
        public static final String ENTROPY = "objective/entropy";
        public static final String MEAN_SCORES = "ppo/mean_scores";
        public static final String STD_SCORES = "ppo/std_scores";
        public static final String MEAN_NON_SCORE_REWARD = "ppo/mean_non_score_reward";
        public static final String LOSS_POLICY = "ppo/loss/policy";
        public static final String LOSS_VALUE = "ppo/loss/value";
        public static final String LOSS_ENTROPY = "ppo/loss/entropy";
        public static final String LOSS_TOTAL = "ppo/loss/total";
        public static final String POLICY_CLIPFRAC = "ppo/policy/clipfrac";
        public static final String POLICY_APPROXKL = "ppo/policy/approxkl";
        public static final String POLICY_RATIO_MAX = "ppo/policy/ratio_max";
        /** |ratio - 1| averaged over the first minibatch of the first epoch: 0 when rollout and training agree. */
        public static final String POLICY_FIRST_RATIO_ERROR = "ppo/policy/first_ratio_error";
        public static final String POLICY_ADVANTAGES_MEAN = "ppo/policy/advantages_mean";
        public static final String VAL_VPRED = "ppo/val/vpred";
        public static final String VAL_CLIPFRAC = "ppo/val/clipfrac";
        public static final String VAL_VAR_EXPLAINED = "ppo/val/var_explained";
        public static final String VAL_ERROR = "ppo/val/error";
        public static final String RETURNS_MEAN = "ppo/returns/mean";
        public static final String RETURNS_VAR = "ppo/returns/var";
        public static final String GRAD_NORM = "ppo/grad_norm";
        public static final String LEARNING_RATE = "ppo/learning_rate";
        public static final String EPOCHS_DONE = "ppo/epochs_done";
        public static final String SKIPPED_UPDATES = "ppo/skipped_updates";
        public static final String RESPONSES_LEN_MEAN = "tokens/responses_len_mean";
        public static final String QUERIES_LEN_MEAN = "tokens/queries_len_mean";
        public static final String EOS_RATE = "tokens/eos_rate";
        /** Mean gold score of the rollout's replies, where the world knows one. */
        public static final String GOLD = "env/gold_mean";
        public static final String TIME_ROLLOUT = "time/ppo/rollout";
        public static final String TIME_SCORE = "time/ppo/score";
        public static final String TIME_FORWARD = "time/ppo/forward_pass";
        public static final String TIME_OPTIMIZE = "time/ppo/optimize_step";
        public static final String TIME_TOTAL = "time/ppo/total";

        private Ppo() {}
    }

    /** TRL's GRPOTrainer names (unprefixed, as TRL logs them), and the loop's gold and timing. */
    public static final class Grpo {
        /** Mean reward of the step's completions (before group normalisation). */
        public static final String REWARD = "reward";
        /** Mean over groups of the standard deviation of the group's rewards. */
        public static final String REWARD_STD = "reward_std";
        /** Share of groups whose rewards were all equal: their advantages are 0 and they teach nothing. */
        public static final String FRAC_REWARD_ZERO_STD = "frac_reward_zero_std";
        /** Mean per-token k3 estimate of KL to the reference. */
        public static final String KL = "kl";
        public static final String ENTROPY = "entropy";
        public static final String LOSS = "loss";
        public static final String CLIP_RATIO_REGION = "clip_ratio/region_mean";
        public static final String CLIP_RATIO_LOW = "clip_ratio/low_mean";
        public static final String CLIP_RATIO_HIGH = "clip_ratio/high_mean";
        public static final String COMPLETIONS_MEAN_LENGTH = "completions/mean_length";
        public static final String COMPLETIONS_MIN_LENGTH = "completions/min_length";
        public static final String COMPLETIONS_MAX_LENGTH = "completions/max_length";
        /** Share of completions that hit max_completion_length without EOS. */
        public static final String COMPLETIONS_CLIPPED_RATIO = "completions/clipped_ratio";
        public static final String GRAD_NORM = "grad_norm";
        public static final String LEARNING_RATE = "learning_rate";
        public static final String SKIPPED_UPDATES = "skipped_updates";
        /** |ratio - 1| on the step's first micro-batch before any update: 0 when sampling and training agree. */
        public static final String FIRST_RATIO_ERROR = "first_ratio_error";
        public static final String GOLD = "env/gold_mean";
        public static final String TIME_ROLLOUT = "time/grpo/rollout";
        public static final String TIME_SCORE = "time/grpo/score";
        public static final String TIME_FORWARD = "time/grpo/forward_pass";
        public static final String TIME_OPTIMIZE = "time/grpo/optimize_step";
        public static final String TIME_TOTAL = "time/grpo/total";

        private Grpo() {}
    }

    /** TRL's RLOOTrainer names (KL in the reward, as its PPO-shaped RLOO logs them). */
    public static final class Rloo {
        /** Sum over a reply's tokens of log pi - log pi_ref, mean over replies. */
        public static final String KL = "objective/kl";
        public static final String ENTROPY = "objective/entropy";
        /** -kl_coef x KL, mean over replies. */
        public static final String NON_SCORE_REWARD = "objective/non_score_reward";
        /** score + non-score reward: what RLOO maximises. */
        public static final String RLHF_REWARD = "objective/rlhf_reward";
        public static final String SCORES = "objective/scores";
        public static final String SCORES_STD = "objective/scores_std";
        public static final String FRAC_REWARD_ZERO_STD = "objective/frac_reward_zero_std";
        public static final String APPROXKL = "policy/approxkl_avg";
        public static final String CLIPFRAC = "policy/clipfrac_avg";
        public static final String LOSS_POLICY = "loss/policy_avg";
        public static final String ADVANTAGE_ABS = "policy/advantage_abs_mean";
        public static final String RATIO = "val/ratio";
        public static final String FIRST_RATIO_ERROR = "policy/first_ratio_error";
        public static final String RESPONSES_LEN_MEAN = "tokens/responses_len_mean";
        public static final String EOS_RATE = "tokens/eos_rate";
        public static final String GRAD_NORM = "grad_norm";
        public static final String LEARNING_RATE = "lr";
        public static final String SKIPPED_UPDATES = "skipped_updates";
        public static final String GOLD = "env/gold_mean";
        public static final String TIME_ROLLOUT = "time/rloo/rollout";
        public static final String TIME_SCORE = "time/rloo/score";
        public static final String TIME_FORWARD = "time/rloo/forward_pass";
        public static final String TIME_OPTIMIZE = "time/rloo/optimize_step";
        public static final String TIME_TOTAL = "time/rloo/total";

        private Rloo() {}
    }

    /**
     * TRL's DPOTrainer names (also KTO's, CPO's and ORPO's): implicit rewards
     * {@code beta (log pi - log ref)} of the chosen and rejected replies, their margin, the share
     * of pairs whose chosen reward is higher, and the policy's summed log-probs of each reply.
     * Held-out figures carry the {@code eval/} prefix.
     */
    public static final class Dpo {
        public static final String REWARDS_CHOSEN = "rewards/chosen";
        public static final String REWARDS_REJECTED = "rewards/rejected";
        public static final String REWARDS_MARGINS = "rewards/margins";
        public static final String REWARDS_ACCURACIES = "rewards/accuracies";
        public static final String LOGPS_CHOSEN = "logps/chosen";
        public static final String LOGPS_REJECTED = "logps/rejected";
        /** The chosen replies' mean token NLL, the RPO term (logged whether or not rpo_alpha weights it in). */
        public static final String NLL_LOSS = "nll_loss";
        /** KTO's reference point z0: the policy's KL to the reference on mismatched pairs, clamped at 0. */
        public static final String KL = "kl";

        private Dpo() {}
    }
}
