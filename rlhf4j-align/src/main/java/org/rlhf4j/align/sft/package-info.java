/**
 * Supervised fine-tuning (SFT): next-token training on human-written demonstrations, the first
 * stage of RLHF (Ouyang et al. 2022, section 3.5), so the model answers in the format people
 * expect before a reward model and PPO refine it.
 *
 * <p>Demonstrations come from any format the feedback module reads (and corrected critiques);
 * {@link org.rlhf4j.lm.chat.ChatTemplate} renders them; the loss is taken on response tokens only
 * unless asked otherwise (TRL's {@code completion_only_loss}); short examples can be packed
 * several to a row with per-example attention ({@link org.rlhf4j.lm.train.LmBatch} segments), so
 * packing never lets one example see another. Held-out loss is evaluated periodically and
 * training stops early when it stops improving; the best weights are kept.
 *
 * <p>Files: {@link org.rlhf4j.align.sft.SftConfig} (the recipe), {@link org.rlhf4j.align.sft.SftData}
 * (examples to batches), {@link org.rlhf4j.align.sft.SftTraining} (a run into a run directory).
 */
package org.rlhf4j.align.sft;
