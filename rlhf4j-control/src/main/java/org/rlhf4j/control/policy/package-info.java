/**
 * Actor-critic policies for classic control, stable-baselines3's {@code MlpPolicy} on plain-Java
 * networks ({@link org.rlhf4j.control.nn.Mlp}).
 *
 * <p>{@link org.rlhf4j.control.policy.ActorCriticPolicy} holds a policy network and a separate
 * value network (64-64 tanh by default, {@link org.rlhf4j.control.policy.PolicyConfig}),
 * initialised orthogonally with SB3's gains, and an
 * {@link org.rlhf4j.control.policy.ActionDistribution}: a
 * {@link org.rlhf4j.control.policy.Categorical} for discrete actions, a
 * {@link org.rlhf4j.control.policy.DiagonalGaussian} with a state-independent log standard
 * deviation for continuous ones. Every distribution computes log-probabilities, entropies and
 * their gradients by hand (the networks' backward pass takes it from there), samples from an
 * explicit {@link java.util.SplittableRandom}, and has a deterministic mode for evaluation.
 * {@link org.rlhf4j.control.policy.PolicyFile} saves and loads a policy as versioned safetensors
 * with SB3's state-dict names; {@link org.rlhf4j.control.policy.PolicyEvaluation} is SB3's
 * {@code evaluate_policy}.
 *
 * <p>Where it sits: the learners in {@code onpolicy}, {@code ppo} and {@code a2c} train these
 * policies on the environments of {@code org.rlhf4j.control.env}.
 */
package org.rlhf4j.control.policy;
