/**
 * Direct Preference Optimization and its variants on comparison data (Rafailov et al. 2023,
 * "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
 * https://arxiv.org/abs/2305.18290; TRL's {@code DPOTrainer}). The policy is trained so that its
 * implicit reward {@code beta log(pi / pi_ref)} ranks each chosen reply above its rejected one:
 * no reward model, no sampling. Loss types: {@code sigmoid} (DPO; with {@code label_smoothing},
 * conservative DPO), {@code ipo} (Azar et al. 2023) and the reference-free {@code simpo} (Meng et
 * al. 2024); {@code rpo_alpha} adds the NLL of the chosen replies (RPO). The maths is core's
 * {@code rl/PreferenceLoss}; the loop is {@code align/offline}, shared with KTO.
 *
 * <p>Pipeline: SFT policy + comparisons (any format {@code rlhf4j data validate} reads; rankings,
 * ratings and critiques through {@code feedback/convert}) -> {@link org.rlhf4j.align.dpo.DpoTraining}
 * -> a policy for {@code rlhf4j eval policy}.
 */
package org.rlhf4j.align.dpo;
