/**
 * PPO for language models: the step that gives RLHF its name. The policy is optimised against a
 * {@link org.rlhf4j.align.reward.RewardFunction} with a per-token KL penalty to a frozen
 * reference (Ziegler et al. 2019, "Fine-Tuning Language Models from Human Preferences",
 * https://arxiv.org/abs/1909.08593; Stiennon et al. 2020; Ouyang et al. 2022, InstructGPT), in
 * TRL's classic {@code PPOTrainer} shape and names.
 *
 * <p>{@link org.rlhf4j.align.ppo.PpoTrainer#step} is one step in named phases (forward pass,
 * score, KL penalty, advantages, update, log); {@link org.rlhf4j.align.ppo.PpoTraining} is the
 * managed run, PPO on the loop GRPO and RLOO share ({@code align/online}: rollouts, evaluations
 * with the gold score, checkpoints, bit-identical resume, report); {@link org.rlhf4j.align.ppo.PpoDoctor} explains what went wrong. The maths (GAE,
 * clipped surrogate, value loss, KL estimators and controller, masked whitening) lives in
 * {@code rlhf4j-core}'s {@code rl/} and is shared with control PPO. Where it sits: after SFT and
 * the reward model; its output is a causal-LM checkpoint with the value head beside it.
 */
package org.rlhf4j.align.ppo;
