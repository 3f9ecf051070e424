/**
 * Language-model training: next-token cross-entropy with loss masks (so SFT can train on response
 * tokens only), AdamW, linear warm-up then cosine decay, gradient clipping and accumulation,
 * periodic evaluation loss, and a guard that skips non-finite steps and stops after several in a
 * row. The loop reads top to bottom in {@link LmTrainer#train}: schedule, forward/backward over
 * micro-batches, guard, clip, step, evaluate, report.
 */
package org.rlhf4j.lm.train;
