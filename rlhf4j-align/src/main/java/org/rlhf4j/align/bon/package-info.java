/**
 * Best-of-n: sample n replies per prompt, keep the one a {@link org.rlhf4j.align.reward.RewardFunction}
 * scores highest ({@link BestOfNSampling}), the baseline every RLHF comparison needs (Nakano et
 * al. 2021; Gao et al. 2022), and rejection-sampling fine-tuning: SFT on the best of n, as Llama 2
 * did ({@link RejectionSamplingTraining}).
 */
package org.rlhf4j.align.bon;
