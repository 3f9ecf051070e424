/**
 * Text to token ids and back.
 *
 * <p>One runtime serves every tokenizer: {@link Tokenizer} loads a Hugging Face
 * {@code tokenizer.json} through DJL's binding of the Rust {@code tokenizers} library, whether the
 * file came from the Hugging Face Hub or from {@link BpeTrainer}. The binding cannot train, so
 * {@link BpeTrainer} is a pure-Java byte-level BPE trainer (Sennrich et al. 2016,
 * <a href="https://arxiv.org/abs/1508.07909">arXiv:1508.07909</a>; byte-level variant from GPT-2,
 * Radford et al. 2019) that writes the same format. Byte-level means the 256 byte symbols are
 * always in the vocabulary, so any UTF-8 text encodes and decodes back unchanged. Digits can be
 * split one by one (Llama 2, Touvron et al. 2023,
 * <a href="https://arxiv.org/abs/2307.09288">arXiv:2307.09288</a>; DeepSeek LLM), so a number
 * is spelled with the same tokens wherever it appears; the default leaves them to BPE, which
 * measured better on the embedded model (BENCHMARKS.md, "Copying details").
 *
 * <p>Pipeline position: first stage of {@code rlhf4j-lm}; pretraining, SFT, sampling and the
 * reward model all see text only through {@link Tokenizer}.
 */
package org.rlhf4j.lm.tokenizer;
