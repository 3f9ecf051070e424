/**
 * A Llama-architecture decoder (Touvron et al. 2023, https://arxiv.org/abs/2302.13971): RMSNorm
 * (Zhang and Sennrich 2019), rotary position embeddings (Su et al. 2021,
 * https://arxiv.org/abs/2104.09864) in Hugging Face's half-split layout, SwiGLU MLP (Shazeer 2020),
 * grouped-query attention (Ainslie et al. 2023) and optional tied embeddings.
 *
 * <p>Parameter names and {@code config.json} fields are Hugging Face's {@code LlamaForCausalLM}
 * and {@code LlamaConfig}, so checkpoints move between rlhf4j and other tools. The model returns
 * logits and the final hidden states; value and reward heads attach to the hidden states.
 */
package org.rlhf4j.lm.model;
