/**
 * Checkpoints in the layout Hugging Face tools read: {@code model.safetensors},
 * {@code config.json} ({@code LlamaConfig} fields), {@code tokenizer.json}, plus rlhf4j's
 * {@code run.json} provenance. Written to a temporary folder and renamed into place, so a crash
 * never leaves a half-written checkpoint; loading checks every name and shape and says what does
 * not match.
 */
package org.rlhf4j.lm.checkpoint;
