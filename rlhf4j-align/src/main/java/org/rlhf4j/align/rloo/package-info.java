/**
 * RLOO, REINFORCE with a leave-one-out baseline (Kool et al. 2019; Ahmadian et al. 2024, "Back
 * to Basics", https://arxiv.org/abs/2402.14740), in the shape and names of TRL's PPO-style
 * {@code RLOOTrainer}: no critic; k replies per prompt, each judged against the mean reward of the
 * other k - 1; the KL to the reference is in the reward, summed over the reply's tokens; the
 * surrogate is clipped on the sequence-level ratio. It runs through the loop PPO and GRPO share
 * ({@code align/online}); the baseline lives in {@code rlhf4j-core}'s
 * {@code rl/GroupAdvantages}.
 */
package org.rlhf4j.align.rloo;
