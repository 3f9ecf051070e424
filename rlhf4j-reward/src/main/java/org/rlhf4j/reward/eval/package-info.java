/**
 * Reward-model evaluation beyond accuracy: pairwise accuracy with ties apart, calibration
 * (expected calibration error of sigmoid(r_a - r_b), Guo et al. 2017, over both orientations of
 * each pair), length bias (correlation of reward with response length; accuracy where the shorter
 * response won, next to the "longer response wins" baseline), reward distributions per source and
 * agreement with each annotator. {@link org.rlhf4j.reward.eval.PairMetrics} holds the pure maths;
 * {@link org.rlhf4j.reward.eval.RewardEvaluation} scores feedback files and reports.
 */
package org.rlhf4j.reward.eval;
