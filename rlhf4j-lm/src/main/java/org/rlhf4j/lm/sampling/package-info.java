/**
 * Batched generation with a KV cache: left-padded prompts, temperature, top-k, top-p (nucleus,
 * Holtzman et al. 2020), stop at end-of-sequence; returns the sampled tokens with their
 * log-probabilities under the temperature-scaled model distribution (what PPO's ratio needs,
 * as in TRL: {@code log_softmax(logits / temperature)}, before top-k/top-p truncation).
 */
package org.rlhf4j.lm.sampling;
