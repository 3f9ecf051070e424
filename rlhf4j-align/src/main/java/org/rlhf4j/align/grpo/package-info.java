/**
 * GRPO, Group Relative Policy Optimization (Shao et al. 2024, "DeepSeekMath",
 * https://arxiv.org/abs/2402.03300), in TRL's {@code GRPOTrainer} shape and names: no value head
 * and no critic; G replies per prompt, each reply's advantage its reward normalised within its
 * group, the clipped ratio per token, and the KL to the frozen reference as a term of the loss
 * (the k3 estimator). Dr. GRPO's corrections (Liu et al. 2025, https://arxiv.org/abs/2503.20783)
 * are options: {@code scale_rewards false} and {@code loss_type dr_grpo}.
 *
 * <p>{@link org.rlhf4j.align.grpo.GrpoTrainer#step} is one step in named phases;
 * {@link org.rlhf4j.align.grpo.GrpoTraining} runs it through the loop PPO and RLOO share
 * ({@code align/online}); {@link org.rlhf4j.align.grpo.GrpoDoctor} explains why the loss is 0
 * and which groups teach nothing. The maths (group advantages, the loss) lives in
 * {@code rlhf4j-core}'s {@code rl/}. Where it sits: after SFT and the reward model, beside PPO.
 */
package org.rlhf4j.align.grpo;
