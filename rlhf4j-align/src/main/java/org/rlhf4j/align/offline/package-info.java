/**
 * What the offline preference methods share: examples of (prompt, reply) sequences in fixed
 * slots ({@link OfflineExample}), a per-method loss ({@link OfflineObjective}), one trainer that
 * runs the policy and reference over a micro-batch's slots in one concatenated forward pass and
 * steps through core's {@code GuardedStep} ({@link OfflineTrainer}), the reference log-probs
 * computed once and cached with the run ({@link ReferenceLogProbs}, TRL's
 * {@code precompute_ref_log_probs}), and the managed run directory with bit-identical resume
 * ({@link OfflineTraining}). DPO and its variants ({@code align/dpo}) and KTO ({@code align/kto})
 * write only their loss, their config and how their data becomes examples.
 */
package org.rlhf4j.align.offline;
