/**
 * Proximal Policy Optimization for classic control (Schulman et al. 2017, "Proximal Policy
 * Optimization Algorithms", https://arxiv.org/abs/1707.06347), as stable-baselines3's {@code PPO}:
 * the same hyperparameter names, defaults and semantics (per-minibatch advantage normalisation,
 * SB3's value clipping, target-KL early stop at 1.5 x target_kl, Adam with eps 1e-5, schedules
 * over progress remaining, n_updates counted in epochs).
 *
 * <p>{@link org.rlhf4j.control.ppo.PpoConfig} (validated record, SB3 defaults and the
 * rl-baselines3-zoo CartPole preset), {@link org.rlhf4j.control.ppo.PpoLoss} (pure; the clipped
 * surrogate and value loss are the shared ones of {@code org.rlhf4j.core.rl}, which serve LM PPO
 * too), {@link org.rlhf4j.control.ppo.PpoTrainer} (the update phase on top of
 * {@link org.rlhf4j.control.onpolicy.OnPolicyAlgorithm}), {@link org.rlhf4j.control.ppo.PpoMetrics},
 * {@link org.rlhf4j.control.ppo.PpoCartPoleBenchmark} (the timing behind {@code rlhf4j bench control}).
 *
 * <p>Measured on 2 shared cores: with the zoo CartPole-v1 settings the median run reaches a
 * last-100-episode mean return of 475 after about 67k steps (SB3: about 65k), at about 27k steps
 * per second: 2.4 s in a warm JVM (SB3: about 13 s), 4 s from a fresh one, whose first two
 * updates run before the JIT has compiled the Vector API kernels. {@code rlhf4j bench control}
 * measures it again (BENCHMARKS.md).
 */
package org.rlhf4j.control.ppo;
