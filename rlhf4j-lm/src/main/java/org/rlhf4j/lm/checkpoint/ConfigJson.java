package org.rlhf4j.lm.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.rlhf4j.core.UserError;
import org.rlhf4j.lm.model.LlamaConfig;

/**
 * Reads and writes {@code config.json} with Hugging Face's {@code LlamaConfig} names. Fields a
 * foreign config leaves out take {@code LlamaConfig}'s documented defaults (e.g.
 * {@code num_key_value_heads} = {@code num_attention_heads}); required ones that are missing or
 * of the wrong type are reported with the file and field.
 */
public final class ConfigJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigJson() {}

    public static void write(LlamaConfig c, Path file) throws IOException {
        write(c, file, "LlamaForCausalLM", 0);
    }

    /** With another architecture name (e.g. {@code LlamaForSequenceClassification}) and its {@code num_labels} (0 = none). */
    public static void write(LlamaConfig c, Path file, String architecture, int numLabels) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("architectures").add(architecture);
        if (numLabels > 0) n.put("num_labels", numLabels);
        n.put("model_type", "llama");
        n.put("vocab_size", c.vocabSize());
        n.put("hidden_size", c.hiddenSize());
        n.put("intermediate_size", c.intermediateSize());
        n.put("num_hidden_layers", c.numHiddenLayers());
        n.put("num_attention_heads", c.numAttentionHeads());
        n.put("num_key_value_heads", c.numKeyValueHeads());
        n.put("head_dim", c.headDim());
        n.put("max_position_embeddings", c.maxPositionEmbeddings());
        n.put("rms_norm_eps", c.rmsNormEps());
        n.put("rope_theta", c.ropeTheta());
        n.put("tie_word_embeddings", c.tieWordEmbeddings());
        n.put("hidden_act", "silu");
        n.put("attention_bias", false);
        n.put("mlp_bias", false);
        n.put("bos_token_id", c.bosTokenId());
        n.put("eos_token_id", c.eosTokenId());
        n.put("pad_token_id", c.padTokenId());
        n.put("torch_dtype", "float32");
        JSON.writeValue(file.toFile(), n);
    }

    public static LlamaConfig read(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": not found (a checkpoint folder needs config.json)");
        } catch (IOException e) {
            throw new UserError(file + ": not valid JSON: " + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) throw new UserError(file + ": expected a JSON object");
        String act = n.path("hidden_act").asText("silu");
        if (!act.equals("silu")) throw new UserError(file + ": hidden_act '" + act + "' is not supported (expected silu)");
        if (n.path("rope_scaling").isObject()) throw new UserError(file + ": rope_scaling is not supported yet");
        try {
            int vocab = required(n, "vocab_size", file);
            int hidden = required(n, "hidden_size", file);
            int intermediate = required(n, "intermediate_size", file);
            int layers = required(n, "num_hidden_layers", file);
            int heads = required(n, "num_attention_heads", file);
            return new LlamaConfig(vocab, hidden, intermediate, layers, heads, optional(n, "num_key_value_heads", heads, file),
                    optional(n, "max_position_embeddings", 2048, file), n.path("rms_norm_eps").asDouble(1e-6),
                    n.path("rope_theta").asDouble(10000.0), n.path("tie_word_embeddings").asBoolean(false),
                    optional(n, "bos_token_id", 1, file), optional(n, "eos_token_id", 2, file),
                    optional(n, "pad_token_id", optional(n, "eos_token_id", 2, file), file));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    private static int required(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new UserError(file + ": missing field " + field);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw new UserError(file + ": field " + field + " must be an integer, got " + v);
        return v.intValue();
    }

    private static int optional(JsonNode n, String field, int fallback, Path file) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return fallback;
        if (v.isArray() && v.size() > 0) v = v.get(0); // eos_token_id may be a list
        if (!v.isIntegralNumber()) throw new UserError(file + ": field " + field + " must be an integer, got " + v);
        return v.intValue();
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
