package org.rlhf4j.lm.model;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.CompilationUnit;
import org.bytedeco.pytorch.Function;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.Scope;

/**
 * One decoding step (new tokens after cached ones) of a {@link LlamaModel} as a single TorchScript
 * function, so a step costs one call into the engine instead of about 32 per layer. At batch 1
 * the per-call overhead from Java (a few microseconds each), not arithmetic, bounds decoding
 * speed; the script runs the same ATen operations in the same order as
 * {@link LlamaModel#forward}, inside libtorch's interpreter.
 *
 * <p>Projections are one-row products with transposed weight copies ({@code mm}), which
 * OpenBLAS runs up to 8x faster than {@code linear} at this shape. The function is generated for the model's shape with its layers unrolled (TorchScript
 * takes tensor lists only as typed C++ lists, which the Java binding cannot easily build). It is
 * compiled once per model; its weight and cache arguments are bound once per generation call. The sampling tests compare
 * its output with full forward passes of the plain Java path.
 */
final class ScriptedDecoder implements AutoCloseable {
    private static final int IDS = 0, POSITIONS = 1, MASK = 2, LENGTH = 3;

    private final CompilationUnit unit;
    private final Function function;

    /** Compiles the step for {@code config} (once per model; tens of milliseconds). */
    ScriptedDecoder(LlamaConfig config) {
        try (Scope s = Scope.open()) {
            this.unit = Scope.keep(torch.compile(source(config)));
            this.function = Scope.keep(unit.find_function(new QualifiedName("decode")));
        }
    }

    /** The step bound to one generation call's weights and cache. */
    final class Bound implements AutoCloseable {
        private final IValueVector arguments;

        Bound(LlamaModel model, LlamaModel.FusedWeights weights, RotaryEmbedding rope, KvCache cache) {
            LlamaConfig c = model.config();
            List<Tensor> bound = new ArrayList<>();
            bound.add(model.parameters().get("model.embed_tokens.weight"));
            bound.add(model.parameters().get("model.norm.weight"));
            bound.add(weights.lmHeadTransposed());
            bound.add(rope.cosTable());
            bound.add(rope.sinTable());
            bound.add(rope.rotation());
            for (int i = 0; i < c.numHiddenLayers(); i++) {
                String p = "model.layers." + i + ".";
                LlamaModel.Transposed t = weights.transposed();
                bound.add(model.parameters().get(p + "input_layernorm.weight"));
                bound.add(t.qkv()[i]);
                bound.add(t.o()[i]);
                bound.add(model.parameters().get(p + "post_attention_layernorm.weight"));
                bound.add(t.gateUp()[i]);
                bound.add(t.down()[i]);
                bound.add(cache.buffer(i));
            }
            try (Scope s = Scope.open()) {
                IValueVector args = new IValueVector();
                args.resize(4 + bound.size());
                for (int i = 0; i < bound.size(); i++) args.put(4 + i, new IValue(bound.get(i)));
                this.arguments = Scope.keep(args);
            }
        }

        /**
         * Logits (B, V) of the last new position. ids and positions (B, T); mask boolean
         * (B, 1, T, length + T) or null; {@code length} positions already cached. Writes the new
         * keys and values into the cache (the caller advances it).
         */
        Tensor step(Tensor ids, Tensor positions, Tensor mask, int length) {
            arguments.put(IDS, new IValue(ids));
            arguments.put(POSITIONS, new IValue(positions));
            arguments.put(MASK, mask == null ? new IValue() : new IValue(mask));
            arguments.put(LENGTH, new IValue((long) length));
            return function.apply(arguments).toTensor();
        }

        @Override
        public void close() {
            Scope.release(arguments);
        }
    }

    /** TorchScript source of the step for this shape; constants are inlined. */
    static String source(LlamaConfig c) {
        int hq = c.numAttentionHeads(), hkv = c.numKeyValueHeads(), d = c.headDim(), heads = hq + 2 * hkv;
        int hidden = c.hiddenSize(), ff = c.intermediateSize();
        String eps = Double.toString(c.rmsNormEps());
        String gqa = hq != hkv ? "True" : "False";
        StringBuilder sig = new StringBuilder("def decode(ids: Tensor, pos: Tensor, mask: Optional[Tensor], length: int, "
                + "embed: Tensor, norm: Tensor, head_t: Tensor, cos_table: Tensor, sin_table: Tensor, rot: Tensor");
        StringBuilder body = new StringBuilder();
        body.append("    b = ids.size(0)\n    t = ids.size(1)\n    n = b * t\n");
        body.append("    x = torch.embedding(embed, ids)\n");
        body.append("    flat = pos.reshape([-1])\n");
        body.append("    cos = torch.index_select(cos_table, 0, flat).view([b, t, ").append(heads).append(", ").append(d).append("])\n");
        body.append("    sin = torch.index_select(sin_table, 0, flat).view([b, t, ").append(heads).append(", ").append(d).append("])\n");
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            sig.append(", ln1_").append(i).append(": Tensor, qkv_").append(i).append(": Tensor, o_").append(i)
                    .append(": Tensor, ln2_").append(i).append(": Tensor, gu_").append(i).append(": Tensor, down_").append(i)
                    .append(": Tensor, cache_").append(i).append(": Tensor");
            body.append("    h = torch.rms_norm(x, [").append(hidden).append("], ln1_").append(i).append(", ").append(eps).append(")\n");
            body.append("    qkv = torch.mm(h.view([n, ").append(hidden).append("]), qkv_").append(i).append(").view([b, t, ").append(heads).append(", ").append(d).append("])\n");
            body.append("    qkv = qkv * cos + torch.mm(qkv.reshape([-1, ").append(d).append("]), rot).view([b, t, ").append(heads).append(", ").append(d).append("]) * sin\n");
            body.append("    cache_").append(i).append(".narrow(1, length, t).copy_(qkv.narrow(2, ").append(hq).append(", ").append(2 * hkv).append("))\n");
            body.append("    kv = cache_").append(i).append(".narrow(1, 0, length + t)\n");
            body.append("    y = torch.scaled_dot_product_attention(qkv.narrow(2, 0, ").append(hq).append(").transpose(1, 2), kv.narrow(2, 0, ")
                    .append(hkv).append(").transpose(1, 2), kv.narrow(2, ").append(hkv).append(", ").append(hkv)
                    .append(").transpose(1, 2), mask, 0.0, False, scale=None, enable_gqa=").append(gqa).append(")\n");
            body.append("    x = x + torch.mm(y.transpose(1, 2).reshape([n, ").append(hq * d).append("]), o_").append(i).append(").view([b, t, ").append(hidden).append("])\n");
            body.append("    h = torch.rms_norm(x, [").append(hidden).append("], ln2_").append(i).append(", ").append(eps).append(")\n");
            body.append("    gu = torch.mm(h.view([n, ").append(hidden).append("]), gu_").append(i).append(")\n");
            body.append("    x = x + torch.mm(torch.silu(gu.narrow(1, 0, ").append(ff).append(")) * gu.narrow(1, ").append(ff).append(", ")
                    .append(ff).append("), down_").append(i).append(").view([b, t, ").append(hidden).append("])\n");
        }
        body.append("    x = torch.rms_norm(x, [").append(hidden).append("], norm, ").append(eps).append(")\n");
        body.append("    return torch.mm(x.select(1, t - 1), head_t)\n");
        return sig.append("):\n").append(body).toString();
    }

    @Override
    public void close() {
        Scope.release(function);
        Scope.release(unit);
    }
}
