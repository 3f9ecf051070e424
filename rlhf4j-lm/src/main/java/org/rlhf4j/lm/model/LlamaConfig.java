package org.rlhf4j.lm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Architecture of a {@link LlamaModel}, serialised as a Hugging Face {@code config.json}
 * ({@code LlamaConfig} field names), so SmolLM2- or Qwen2-style checkpoints need little more
 * than this to load. Unknown fields in a foreign config are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlamaConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("num_key_value_heads") int numKeyValueHeads,
        @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
        @JsonProperty("rms_norm_eps") double rmsNormEps,
        @JsonProperty("rope_theta") double ropeTheta,
        @JsonProperty("tie_word_embeddings") boolean tieWordEmbeddings,
        @JsonProperty("bos_token_id") int bosTokenId,
        @JsonProperty("eos_token_id") int eosTokenId,
        @JsonProperty("pad_token_id") int padTokenId) {

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
        for (var t : List.of(new int[] {bosTokenId}, new int[] {eosTokenId}, new int[] {padTokenId})) {
            if (t[0] < 0 || t[0] >= vocabSize) throw new IllegalArgumentException("special token ids must be in [0, vocab_size), got " + t[0]);
        }
    }

    private static void positive(String field, int v) {
        if (v <= 0) throw new IllegalArgumentException(field + " must be > 0, got " + v);
    }

    /** The embedded default: small enough to pretrain in minutes on two CPU cores. */
    public static LlamaConfig embedded(int vocabSize, int bos, int eos, int pad) {
        return new LlamaConfig(vocabSize, 256, 688, 4, 8, 4, 256, 1e-5, 10000.0, true, bos, eos, pad);
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Multiply-accumulates per token in the matmuls of one forward pass at context {@code t} (for FLOP counts). */
    public double matmulFlopsPerToken(int contextLength) {
        long d = hiddenSize, kv = (long) numKeyValueHeads * headDim();
        double perLayer = d * d * 2 + d * kv * 2 + 3.0 * d * intermediateSize; // q,o + k,v + gate,up,down
        double attention = 2.0 * contextLength * d;                             // QK^T and AV, causal average
        return 2.0 * (numHiddenLayers * (perLayer + attention) + d * vocabSize);
    }

    // Fixed fields a Hugging Face config.json carries, so other tools recognise the file.
    @JsonProperty("architectures") public List<String> architectures() { return List.of("LlamaForCausalLM"); }
    @JsonProperty("model_type") public String modelType() { return "llama"; }
    @JsonProperty("hidden_act") public String hiddenAct() { return "silu"; }
    @JsonProperty("head_dim") public int headDimField() { return headDim(); }
    @JsonProperty("attention_bias") public boolean attentionBias() { return false; }
    @JsonProperty("mlp_bias") public boolean mlpBias() { return false; }
    @JsonProperty("torch_dtype") public String torchDtype() { return "float32"; }
}
