/**
 * The reinforcement-learning maths that control-task PPO and language-model PPO share: pure
 * functions, no I/O, no state, each tested against numbers worked out by hand.
 *
 * <ul>
 * <li>{@link org.rlhf4j.core.rl.Gae}: generalised advantage estimation (Schulman et al. 2015,
 *     https://arxiv.org/abs/1506.02438), over a (T, N) rollout as stable-baselines3's
 *     {@code RolloutBuffer} and over (B, T) token sequences as TRL's PPO trainer, one recurrence.
 * <li>{@link org.rlhf4j.core.rl.ClippedSurrogate} and {@link org.rlhf4j.core.rl.ValueLoss}: PPO's
 *     policy and value losses (Schulman et al. 2017, https://arxiv.org/abs/1707.06347).
 * <li>{@link org.rlhf4j.core.rl.KlEstimators}: k1, k2, k3 (Schulman, "Approximating KL
 *     Divergence", 2020, http://joschu.net/blog/kl-approx.html), for the KL penalty against the
 *     reference model and for PPO's early-stopping diagnostic.
 * <li>{@link org.rlhf4j.core.rl.MaskedStats}, {@link org.rlhf4j.core.rl.ExplainedVariance}:
 *     masked means and whitening (TRL), advantage normalisation and explained variance (SB3).
 * <li>{@link org.rlhf4j.core.rl.Schedule}: hyperparameters as functions of progress remaining (SB3).
 * </ul>
 *
 * <p>Where the tensor form (libtorch, e.g. (B, T) with a response mask, for LM PPO) and the array
 * form (float[], for small plain-Java control policies) both exist, they give the same numbers, and
 * the array form also returns the gradient of the loss with respect to its input so that a
 * hand-written backward pass can use it. Tensor results belong to the caller's
 * {@link org.rlhf4j.core.tensor.Scope}. Where SB3 and TRL differ (value-loss clipping and scale, KL
 * estimator for the diagnostic) the class documentation names the convention chosen.
 */
package org.rlhf4j.core.rl;
