/**
 * Advantage actor-critic for classic control (Mnih et al. 2016, "Asynchronous Methods for Deep
 * Reinforcement Learning", https://arxiv.org/abs/1602.01783), the synchronous A2C of
 * stable-baselines3: one gradient step per n_steps x n_envs rollout on the whole batch, RMSprop
 * (alpha 0.99, eps 1e-5) by default, gae_lambda 1 (n-step returns), SB3's names and defaults.
 *
 * <p>{@link org.rlhf4j.control.a2c.A2cConfig}, {@link org.rlhf4j.control.a2c.A2cLoss} (pure),
 * {@link org.rlhf4j.control.a2c.A2cTrainer} (the update phase on top of
 * {@link org.rlhf4j.control.onpolicy.OnPolicyAlgorithm}), {@link org.rlhf4j.control.a2c.A2cMetrics}.
 */
package org.rlhf4j.control.a2c;
