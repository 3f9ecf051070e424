/**
 * The managed online loop that PPO, GRPO and RLOO share ({@link org.rlhf4j.align.online.OnlineTraining}):
 * a run directory, a prompt stream, rollouts with G replies per prompt at per-step seeds, scores
 * from any {@link org.rlhf4j.align.reward.RewardFunction}, the method's step
 * ({@link org.rlhf4j.align.online.OnlineTrainer}), evaluations on held-out prompts with the gold
 * score ({@link org.rlhf4j.align.online.OnlineEvaluation}), checkpoints with rotation,
 * bit-identical resume, the doctor's shared findings and reward-hacking check
 * ({@link org.rlhf4j.align.online.OnlineDoctor}) and a report. A method supplies only what differs
 * ({@link org.rlhf4j.align.online.OnlineTraining.Method}), as stable-baselines3's
 * {@code OnPolicyAlgorithm} and its subclasses split the work.
 */
package org.rlhf4j.align.online;
