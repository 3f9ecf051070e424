package org.rlhf4j.lm.model;

import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Ops;
import org.rlhf4j.core.tensor.Precision;

/**
 * The decoder. Read bottom-up: {@link #forward} runs embedding, {@code L} blocks of
 * (RMSNorm, attention, residual, RMSNorm, SwiGLU MLP, residual), a final RMSNorm and the LM head.
 *
 * <p>Weights stay separate per Hugging Face name ({@code q_proj}, {@code k_proj}, ...), but each
 * block runs one matmul for q, k and v and one for gate and up: {@link #fuse()} concatenates them
 * (differentiably during training; once per generation call when decoding).
 *
 * <p>All tensors created here belong to the caller's {@link org.rlhf4j.core.tensor.Scope}.
 */
public final class LlamaModel implements AutoCloseable {
    private final LlamaConfig config;
    private final ParameterSet parameters;
    private final RotaryEmbedding rope;
    private final ComputeDevice device;
    private ScriptedDecoder script; // compiled on first use by incremental decoding

    public LlamaModel(LlamaConfig config, ComputeDevice device, SplittableRandom init) {
        this.config = config;
        this.device = device;
        this.parameters = new ParameterSet(device);
        register(init);
        this.rope = new RotaryEmbedding(config, device);
    }

    /** Parameters in Hugging Face's names and order; init N(0, 0.02), output projections scaled by 1/sqrt(2L) (GPT-2). */
    private void register(SplittableRandom rng) {
        int d = config.hiddenSize(), kv = config.numKeyValueHeads() * config.headDim(), ff = config.intermediateSize();
        double std = 0.02, residualStd = std / Math.sqrt(2.0 * config.numHiddenLayers());
        parameters.normal("model.embed_tokens.weight", rng, std, config.vocabSize(), d);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            String p = "model.layers." + i + ".";
            parameters.normal(p + "self_attn.q_proj.weight", rng, std, d, d);
            parameters.normal(p + "self_attn.k_proj.weight", rng, std, kv, d);
            parameters.normal(p + "self_attn.v_proj.weight", rng, std, kv, d);
            parameters.normal(p + "self_attn.o_proj.weight", rng, residualStd, d, d);
            parameters.normal(p + "mlp.gate_proj.weight", rng, std, ff, d);
            parameters.normal(p + "mlp.up_proj.weight", rng, std, ff, d);
            parameters.normal(p + "mlp.down_proj.weight", rng, residualStd, d, ff);
            parameters.constant(p + "input_layernorm.weight", 1f, d);
            parameters.constant(p + "post_attention_layernorm.weight", 1f, d);
        }
        parameters.constant("model.norm.weight", 1f, d);
        if (!config.tieWordEmbeddings()) parameters.normal("lm_head.weight", rng, std, config.vocabSize(), d);
    }

    public LlamaConfig config() {
        return config;
    }

    public ParameterSet parameters() {
        return parameters;
    }

    public ComputeDevice device() {
        return device;
    }

    /**
     * The per-block fused projection weights (see {@link #fuse()}), and for decoding contiguous
     * transposed (in, out) copies of every projection and the LM head: OpenBLAS's path for a
     * one-row product with an (out, in) weight is up to 8x slower once out reaches about 1,000
     * (measured: 1376 x 256 took 211 us against 27 us; 4096 x 128, 277 us against 50 us).
     */
    public record FusedWeights(Tensor[] qkv, Tensor[] gateUp, Tensor lmHeadTransposed, Transposed transposed) {}

    /** Per-layer (in, out) copies of the projections, for one-row decoding products. */
    public record Transposed(Tensor[] qkv, Tensor[] o, Tensor[] gateUp, Tensor[] down) {}

    /**
     * Concatenates q/k/v and gate/up weights per block. Differentiable: gradients flow back to
     * the named parameters. Call inside the scope of the forward passes that use the result.
     */
    public FusedWeights fuse() {
        int n = config.numHiddenLayers();
        Tensor[] qkv = new Tensor[n];
        Tensor[] gateUp = new Tensor[n];
        for (int i = 0; i < n; i++) {
            String p = "model.layers." + i + ".";
            qkv[i] = torch.cat(vector(parameters.get(p + "self_attn.q_proj.weight"),
                    parameters.get(p + "self_attn.k_proj.weight"), parameters.get(p + "self_attn.v_proj.weight")));
            gateUp[i] = torch.cat(vector(parameters.get(p + "mlp.gate_proj.weight"), parameters.get(p + "mlp.up_proj.weight")));
        }
        return new FusedWeights(qkv, gateUp, null, null);
    }

    /** {@link #fuse()} plus transposed copies for one-row products, for generation (no gradients needed). */
    public FusedWeights fuseForDecoding() {
        FusedWeights f = fuse();
        int n = config.numHiddenLayers();
        Tensor[] qkv = new Tensor[n], o = new Tensor[n], gateUp = new Tensor[n], down = new Tensor[n];
        for (int i = 0; i < n; i++) {
            String p = "model.layers." + i + ".";
            qkv[i] = f.qkv()[i].t().contiguous();
            o[i] = parameters.get(p + "self_attn.o_proj.weight").t().contiguous();
            gateUp[i] = f.gateUp()[i].t().contiguous();
            down[i] = parameters.get(p + "mlp.down_proj.weight").t().contiguous();
        }
        return new FusedWeights(f.qkv(), f.gateUp(), lmHead().t().contiguous(), new Transposed(qkv, o, gateUp, down));
    }

    private static TensorVector vector(Tensor... ts) {
        TensorVector v = new TensorVector();
        for (Tensor t : ts) v.push_back(t);
        return v;
    }

    /**
     * Incremental decoding over {@code cache} with weights fused by {@link #fuseForDecoding()}:
     * each {@link IncrementalDecoder#step} runs one TorchScript call (fp32, no autograd).
     */
    public IncrementalDecoder incremental(FusedWeights weights, KvCache cache) {
        if (weights.lmHeadTransposed() == null) throw new IllegalArgumentException("incremental decoding needs fuseForDecoding() weights");
        if (script == null) script = new ScriptedDecoder(config);
        return new IncrementalDecoder(script.new Bound(this, weights, rope, cache), cache);
    }

    /** Logits over the vocabulary and the final (normed) hidden states. */
    public record Output(Tensor logits, Tensor hidden) {}

    /**
     * Runs the decoder.
     *
     * @param ids        token ids (B, T), int64
     * @param positions  rotary positions (B, T), int64; with left padding, count real tokens only
     * @param mask       boolean (B, 1, T, Tk) with true where attention is allowed (Tk = cached +
     *                   T), or null for plain causal attention over an unpadded batch
     * @param cache      past keys and values, or null for a full pass
     * @param lastOnly   compute logits for the last position only (decoding)
     */
    public Output forward(FusedWeights w, Tensor ids, Tensor positions, Tensor mask, KvCache cache, boolean lastOnly) {
        long t = ids.size(1);
        Tensor hidden = hidden(w, ids, positions, mask, cache);                                   // (B, T, D)
        Tensor logits;
        if (lastOnly && w.lmHeadTransposed() != null) {
            Tensor last = hidden.select(1, t - 1);                                                // (B, D)
            logits = last.mm(w.lmHeadTransposed()).unsqueeze(1);                                  // (B, 1, V)
        } else {
            logits = Ops.linear(lastOnly ? hidden.narrow(1, t - 1, 1) : hidden, lmHead());        // (B, T|1, V)
        }
        return new Output(logits, hidden);
    }

    /**
     * The backbone alone: the final normed hidden states (B, T, D), without the LM head (reward
     * and value heads read these). Arguments as for {@link #forward}.
     */
    public Tensor hidden(FusedWeights w, Tensor ids, Tensor positions, Tensor mask, KvCache cache) {
        long b = ids.size(0), t = ids.size(1);
        if (mask == null && cache != null && t > 1 && cache.length() > 0) {
            throw new IllegalArgumentException("several new positions after cached ones need an explicit attention mask");
        }
        Tensor x = torch.embedding(parameters.get("model.embed_tokens.weight"), ids);  // (B, T, D)
        RotaryEmbedding.At rotary = rope.at(positions);
        boolean autocast = torch.is_autocast_enabled(device.type());
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            x = block(i, w, x, rotary, mask, cache, autocast, b, t);
        }
        if (cache != null) cache.advance(t);
        return Ops.rmsNorm(x, parameters.get("model.norm.weight"), config.rmsNormEps());  // (B, T, D)
    }

    /** Names of the parameters of blocks {@code 0 .. layers-1} and the embedding: what "freeze the lower layers" freezes. */
    public java.util.List<String> lowerLayerParameterNames(int layers) {
        if (layers < 0 || layers > config.numHiddenLayers()) {
            throw new IllegalArgumentException("layers to freeze must be in 0.." + config.numHiddenLayers() + ", got " + layers);
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        if (layers == 0) return names;
        names.add("model.embed_tokens.weight");
        for (String n : parameters.names()) {
            for (int i = 0; i < layers; i++) if (n.startsWith("model.layers." + i + ".")) names.add(n);
        }
        return names;
    }

    /** The LM head on final hidden states: (..., D) -> (..., V) logits. */
    public Tensor logits(Tensor hidden) {
        return Ops.linear(hidden, lmHead());
    }

    private Tensor lmHead() {
        return parameters.get(config.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
    }

    private Tensor block(int i, FusedWeights w, Tensor x, RotaryEmbedding.At rotary, Tensor mask, KvCache cache, boolean autocast, long b, long t) {
        String p = "model.layers." + i + ".";
        Tensor h = Ops.rmsNorm(x, parameters.get(p + "input_layernorm.weight"), config.rmsNormEps());
        x = x.add(attention(i, w.qkv()[i], h, rotary, mask, cache, autocast, b, t));
        h = Ops.rmsNorm(x, parameters.get(p + "post_attention_layernorm.weight"), config.rmsNormEps());
        return x.add(mlp(i, w.gateUp()[i], h));
    }

    private Tensor attention(int i, Tensor qkvWeight, Tensor h, RotaryEmbedding.At rotary, Tensor mask, KvCache cache, boolean autocast, long b, long t) {
        int hq = config.numAttentionHeads(), hkv = config.numKeyValueHeads(), d = config.headDim();
        Tensor qkv = Ops.linear(h, qkvWeight).view(b, t, hq + 2L * hkv, d);   // (B, T, Hq + 2 Hkv, d)
        qkv = rope.apply(qkv, rotary);                                         // rotates q and k heads only
        Tensor q = qkv.narrow(2, 0, hq);                                       // (B, T, Hq, d)
        Tensor kv = qkv.narrow(2, hq, 2L * hkv);                               // (B, T, 2 Hkv, d)
        if (cache != null) kv = cache.append(i, kv);                           // (B, Tk, 2 Hkv, d)
        Tensor k = kv.narrow(2, 0, hkv), v = kv.narrow(2, hkv, hkv);          // (B, Tk, Hkv, d)
        boolean causal = mask == null && t > 1;
        Tensor y;
        try (Precision.Region fp32 = autocast ? Precision.suspend(device) : Precision.Region.NONE) {   // bf16 attention backward is slow on CPU
            y = Ops.attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), mask, causal);      // (B, Hq, T, d)
        }
        y = y.transpose(1, 2).reshape(b, t, (long) hq * d);                  // (B, T, D)
        return Ops.linear(y, parameters.get("model.layers." + i + ".self_attn.o_proj.weight"));
    }

    private Tensor mlp(int i, Tensor gateUpWeight, Tensor h) {
        long ff = config.intermediateSize();
        Tensor gu = Ops.linear(h, gateUpWeight);                              // (B, T, 2 F)
        Tensor act = torch.silu(gu.narrow(-1, 0, ff)).mul(gu.narrow(-1, ff, ff));
        return Ops.linear(act, parameters.get("model.layers." + i + ".mlp.down_proj.weight"));
    }

    @Override
    public void close() {
        if (script != null) script.close();
        rope.close();
        parameters.close();
    }
}
