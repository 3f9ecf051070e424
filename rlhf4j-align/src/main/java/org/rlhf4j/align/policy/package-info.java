/**
 * The language model as a policy: {@link org.rlhf4j.align.policy.PolicyModel} (a causal LM with an
 * optional value head, TRL's {@code AutoModelForCausalLMWithValueHead}), the frozen reference, the
 * (query, response) batch layout and the per-token log-probabilities every policy-optimisation
 * method reads ({@link org.rlhf4j.align.policy.TokenLogProbs}), and checkpoints that keep the value
 * head. Shared by PPO and, next, DPO, GRPO and RLOO.
 */
package org.rlhf4j.align.policy;
