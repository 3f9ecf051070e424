/**
 * What on-policy learners share, stable-baselines3's {@code OnPolicyAlgorithm}: collect a rollout
 * of n_steps x n_envs transitions with the current policy, compute GAE advantages and returns
 * (Schulman et al. 2015, via {@link org.rlhf4j.core.rl.Gae}), hand the
 * {@link org.rlhf4j.control.onpolicy.RolloutBuffer} to the algorithm's update, report metrics.
 *
 * <p>{@link org.rlhf4j.control.onpolicy.OnPolicyAlgorithm} runs the loop in named phases and
 * handles what SB3 handles there: auto-reset vector environments, bootstrapping from the final
 * observation on time-limit truncation, clipping Box actions for the environment, progress
 * remaining for schedules, seeded streams, and feedback-shaped rewards
 * ({@link org.rlhf4j.control.feedback.RewardShaping}) reported beside the true return. A subclass
 * writes only its update phase (PPO: {@code org.rlhf4j.control.ppo}; A2C:
 * {@code org.rlhf4j.control.a2c}).
 *
 * <p>Metrics go to typed {@link org.rlhf4j.control.onpolicy.UpdateListener}s as an
 * {@link org.rlhf4j.control.onpolicy.Update} (rollout statistics plus the algorithm's own record),
 * named as SB3 names them ({@link org.rlhf4j.control.onpolicy.MetricNames});
 * {@link org.rlhf4j.control.onpolicy.MetricsSinkListener} writes them to a run's
 * {@code metrics.jsonl}.
 */
package org.rlhf4j.control.onpolicy;
