package org.rlhf4j.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

class LlamaModelTest {

    private static float[] logits(LlamaModel m, int[] ids) {
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = TensorData.ids(ids, 1, ids.length);
            Tensor pos = TensorData.ids(range(ids.length), 1, ids.length);
            return TensorData.toFloats(m.forward(m.fuse(), x, pos, null, null, false).logits());
        }
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    @Test
    void hasHuggingFaceParameterNames() {
        try (LlamaModel m = TinyModels.model(false, 1)) {
            assertThat(m.parameters().names()).startsWith("model.embed_tokens.weight",
                    "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.weight",
                    "model.layers.0.self_attn.v_proj.weight", "model.layers.0.self_attn.o_proj.weight",
                    "model.layers.0.mlp.gate_proj.weight", "model.layers.0.mlp.up_proj.weight",
                    "model.layers.0.mlp.down_proj.weight", "model.layers.0.input_layernorm.weight",
                    "model.layers.0.post_attention_layernorm.weight");
            assertThat(m.parameters().names()).endsWith("model.norm.weight", "lm_head.weight");
            assertThat(m.parameters().shape("model.layers.1.self_attn.k_proj.weight")).containsExactly(16, 32); // 2 kv heads x 8
        }
        try (LlamaModel tied = TinyModels.model(true, 1)) {
            assertThat(tied.parameters().names()).doesNotContain("lm_head.weight");
        }
    }

    @Test
    void futureTokensDoNotChangePastLogits() {
        try (LlamaModel m = TinyModels.model(false, 2)) {
            int[] a = {1, 5, 9, 13, 17, 21};
            int[] b = {1, 5, 9, 40, 3, 7};   // same first three tokens, different future
            float[] la = logits(m, a), lb = logits(m, b);
            int v = m.config().vocabSize();
            for (int i = 0; i < 3 * v; i++) assertThat(lb[i]).isCloseTo(la[i], within(1e-6f));
            boolean differs = false;
            for (int i = 3 * v; i < 6 * v; i++) differs |= Math.abs(la[i] - lb[i]) > 1e-4;
            assertThat(differs).as("later positions must see the changed tokens").isTrue();
        }
    }

    @Test
    void leftPaddingDoesNotChangeLogitsOfRealTokens() {
        try (LlamaModel m = TinyModels.model(true, 3); Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            int[] real = {1, 7, 8, 9};
            float[] alone = logits(m, real);
            int[] padded = {0, 0, 1, 7, 8, 9};
            Tensor mask = TensorData.ids(new int[] {0, 0, 1, 1, 1, 1}, 1, 6);
            Tensor out = m.forward(m.fuse(), TensorData.ids(padded, 1, 6), AttentionMasks.positions(mask),
                    AttentionMasks.causal(mask), null, false).logits();
            float[] withPad = TensorData.toFloats(out.narrow(1, 2, 4));
            assertThat(withPad).containsExactly(alone, within(1e-5f));
            for (float f : TensorData.toFloats(out)) assertThat(Float.isFinite(f)).isTrue();
        }
    }
}
