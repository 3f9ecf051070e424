/**
 * One honest comparison of alignment methods: each trains from the same SFT policy on the same
 * feedback (the comparisons, or the reward model trained on them), and all are evaluated the same
 * way on the same unseen prompts ({@link org.rlhf4j.eval.policy.PolicyEvaluation}): gold against
 * KL to the SFT policy, as Gao et al. 2022 compare best-of-n and RL.
 */
package org.rlhf4j.eval.compare;
