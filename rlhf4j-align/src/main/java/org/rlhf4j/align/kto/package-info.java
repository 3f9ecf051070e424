/**
 * Kahneman-Tversky Optimization (Ethayarajh et al. 2024, "KTO: Model Alignment as Prospect
 * Theoretic Optimization", https://arxiv.org/abs/2402.01306; TRL's {@code KTOTrainer}) on
 * unpaired feedback: single replies labelled desirable or undesirable, from TRL's unpaired format
 * ({@code prompt, completion, label}) or from preference pairs split into their chosen
 * (desirable) and rejected (undesirable) replies. Each reply's implicit reward is measured
 * against a reference point, the policy's KL to the reference estimated on mismatched
 * (prompt, reply) pairs. The loss is core's {@code rl/PreferenceLoss.kto}; the loop is
 * {@code align/offline}, shared with DPO.
 */
package org.rlhf4j.align.kto;
