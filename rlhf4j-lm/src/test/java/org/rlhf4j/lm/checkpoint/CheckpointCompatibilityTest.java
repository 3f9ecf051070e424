package org.rlhf4j.lm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * A checkpoint written by the first version of rlhf4j (2026-11-21: vocab 48, d_model 32, 2 layers,
 * 4 query heads on 2 key/value heads, untied head; matrices at 8x the init scale so attention is
 * peaked and every component shows: rope_theta 500 instead of 10000 moves these logits by about
 * 0.1) must keep loading, with the same names, and give the same logits. A change to the file format, the parameter names or the model's maths
 * fails here; if the change is intended, say so and keep the old files loadable.
 */
class CheckpointCompatibilityTest {
    /** Logits of the last position for ids (1, 7, 19, 33, 2) at positions 0-4, as the first version computed them. */
    private static final float[] FIRST_LOGITS = {-4.622507095e-01f, -1.105965376e+00f, -1.120254159e+00f, 1.267531276e+00f,
            -4.769969285e-01f, -6.590889096e-01f, 4.357320070e-01f, -1.901699543e+00f};
    private static final double LOGIT_SUM = -1.6887897625565529;

    @Test
    void firstVersionCheckpointLoadsWithTheSameLogits() throws Exception {
        URL url = getClass().getResource("/golden/llama-v1/config.json");
        assertThat(url).as("golden checkpoint resource golden/llama-v1 is missing").isNotNull();
        Path dir = Path.of(url.toURI()).getParent();
        assertThat(Files.size(dir.resolve("model.safetensors"))).isEqualTo(88752);
        Engine.setThreads(1);
        try (LlamaModel m = Checkpoint.load(dir, ComputeDevice.CPU).model(); Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            assertThat(m.parameters().names()).hasSize(2 + 2 * 9 + 1).contains("model.layers.1.mlp.down_proj.weight", "lm_head.weight");
            float[] logits = TensorData.toFloats(m.forward(m.fuse(), TensorData.ids(new int[] {1, 7, 19, 33, 2}, 1, 5),
                    TensorData.ids(new int[] {0, 1, 2, 3, 4}, 1, 5), null, null, true).logits());
            assertThat(logits).hasSize(48);
            assertThat(java.util.Arrays.copyOf(logits, 8)).containsExactly(FIRST_LOGITS, within(1e-5f));
            double sum = 0;
            for (float f : logits) sum += f;
            assertThat(sum).isCloseTo(LOGIT_SUM, within(1e-4));
        }
    }
}
