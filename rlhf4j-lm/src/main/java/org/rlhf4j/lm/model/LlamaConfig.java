package org.rlhf4j.lm.model;

/**
 * Architecture of a {@link LlamaModel}. Each field is one of Hugging Face's {@code LlamaConfig}
 * fields ({@code vocab_size}, {@code hidden_size}, ...); {@code checkpoint.ConfigJson} reads and
 * writes them as {@code config.json}, so SmolLM2- or Qwen2-style checkpoints need little more
 * than that to load.
 */
public record LlamaConfig(int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers, int numAttentionHeads,
                          int numKeyValueHeads, int maxPositionEmbeddings, double rmsNormEps, double ropeTheta,
                          boolean tieWordEmbeddings, int bosTokenId, int eosTokenId, int padTokenId) {

    public LlamaConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size (" + hiddenSize + ") must be a multiple of num_attention_heads (" + numAttentionHeads + ")");
        }
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numAttentionHeads + ") must be a multiple of num_key_value_heads (" + numKeyValueHeads + ")");
        }
        if ((hiddenSize / numAttentionHeads) % 2 != 0) {
            throw new IllegalArgumentException("head dimension hidden_size/num_attention_heads must be even for rotary embeddings, got " + hiddenSize / numAttentionHeads);
        }
        if (!(rmsNormEps > 0 && rmsNormEps < 1)) throw new IllegalArgumentException("rms_norm_eps must be in (0, 1), got " + rmsNormEps);
        if (!(ropeTheta > 1)) throw new IllegalArgumentException("rope_theta must be > 1, got " + ropeTheta);
        tokenId("bos_token_id", bosTokenId, vocabSize);
        tokenId("eos_token_id", eosTokenId, vocabSize);
        tokenId("pad_token_id", padTokenId, vocabSize);
    }

    private static void tokenId(String field, int id, int vocabSize) {
        if (id < 0 || id >= vocabSize) throw new IllegalArgumentException(field + " must be in [0, vocab_size = " + vocabSize + "), got " + id);
    }

    private static void positive(String field, int v) {
        if (v <= 0) throw new IllegalArgumentException(field + " must be > 0, got " + v);
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
