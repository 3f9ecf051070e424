/**
 * Reward sources for policy optimisation: one interface,
 * {@link org.rlhf4j.align.reward.RewardFunction}, for trained reward models and their ensembles
 * (with an uncertainty penalty, after Coste et al. 2023, https://arxiv.org/abs/2310.02743), the
 * support world's gold satisfaction score, and users' lambdas.
 */
package org.rlhf4j.align.reward;
