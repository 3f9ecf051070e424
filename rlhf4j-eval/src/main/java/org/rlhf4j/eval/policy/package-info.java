/**
 * Policy evaluation: a policy's replies to held-out prompts scored by the reward model and, where
 * the world knows it, by the gold score; KL to a reference on the policy's own samples (k1 per
 * reply, k3 per token; Schulman 2020); win rate against the reference; length, EOS rate and
 * distinct-n; and best-of-n against gold, the check that a reward model is fit to optimise
 * (Gao et al. 2022, "Scaling Laws for Reward Model Overoptimization"). Sits after training in
 * the pipeline: {@code rlhf4j eval policy} and the demo's report read it.
 */
package org.rlhf4j.eval.policy;
