/**
 * Weights on disk in the safetensors format of Hugging Face
 * (https://huggingface.co/docs/safetensors): {@link org.rlhf4j.core.io.SafetensorsReader}
 * (memory-mapped, 64-bit offsets, F32/F16/BF16/F64 read as float) and
 * {@link org.rlhf4j.core.io.SafetensorsWriter}. Pure Java, independent of the tensor engine:
 * the engine layer turns the buffers into tensors. Using Hugging Face parameter names, a model
 * saved here loads in other tools and the other way round.
 *
 * <p>A malformed file raises {@link org.rlhf4j.core.io.SafetensorsException}, a
 * {@link org.rlhf4j.core.UserError} whose message names the file and the problem.
 */
package org.rlhf4j.core.io;
