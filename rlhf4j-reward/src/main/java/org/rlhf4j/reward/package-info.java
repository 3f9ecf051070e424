/**
 * Reward models: the language model's backbone with a scalar head on the last token, trained to
 * stand in for people's judgements (Ouyang et al. 2022, "Training language models to follow
 * instructions with human feedback", section 3.5; Stiennon et al. 2020).
 *
 * <ul>
 *   <li>{@link org.rlhf4j.reward.RewardModel}: backbone + {@code score.weight} (H heads, one per
 *       ensemble member), normalisation statistics, the chat template.</li>
 *   <li>{@link org.rlhf4j.reward.RewardExamples}: feedback records as groups of sequences with
 *       loss terms (pairs, ties, ratings), so a ranking of K responses is scored once and gives its
 *       K choose 2 pairs in one batch.</li>
 *   <li>{@link org.rlhf4j.reward.RewardLoss}: Bradley-Terry with margins, an explicit tie term,
 *       ordinal or regression loss on stars, and reward centring; a pure function.</li>
 *   <li>{@link org.rlhf4j.reward.RewardTrainer}: the loop; {@link org.rlhf4j.reward.RewardTraining}:
 *       a whole run into a run directory.</li>
 *   <li>{@code eval/}: accuracy with ties apart, calibration, length bias, per-source
 *       distributions, per-annotator agreement, plots.</li>
 * </ul>
 * In the pipeline: after SFT (or on a base model), before PPO, which reads normalised rewards.
 */
package org.rlhf4j.reward;
