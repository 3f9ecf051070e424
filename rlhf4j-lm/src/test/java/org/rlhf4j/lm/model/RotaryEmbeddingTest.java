package org.rlhf4j.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

class RotaryEmbeddingTest {
    /**
     * Head dimension 4, theta 100: pair i = 0 is (x0, x2) rotated by p rad, pair i = 1 is (x1, x3)
     * rotated by p * 100^(-1/2) = p / 10 rad. At p = 1 with x = (1, 2, 3, 4):
     *   x0' = 1 cos 1 - 3 sin 1 = 0.540302 - 2.524413 = -1.984111
     *   x2' = 3 cos 1 + 1 sin 1 = 1.620907 + 0.841471 =  2.462378
     *   x1' = 2 cos .1 - 4 sin .1 = 1.990008 - 0.399334 = 1.590675
     *   x3' = 4 cos .1 + 2 sin .1 = 3.980017 + 0.199667 = 4.179684
     * At p = 0 nothing moves; the second head (a "value" head) never rotates.
     */
    @Test
    void rotatesPairsByHandWorkedAngles() {
        try (RotaryEmbedding rope = new RotaryEmbedding(4, 4, 100.0, 1, 1, ComputeDevice.CPU); Scope s = Scope.open()) {
            float[] x = {1, 2, 3, 4, 1, 2, 3, 4,   // position 0: rotated head, plain head
                         1, 2, 3, 4, 1, 2, 3, 4};  // position 1
            Tensor in = TensorData.floats(x, 1, 2, 2, 4);
            Tensor pos = TensorData.longs(new long[] {0, 1}, 1, 2);
            float[] out = TensorData.toFloats(rope.apply(in, pos));
            assertThat(java.util.Arrays.copyOfRange(out, 0, 8)).containsExactly(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, within(1e-6f));
            assertThat(java.util.Arrays.copyOfRange(out, 8, 12)).containsExactly(new float[] {-1.984111f, 1.590675f, 2.462378f, 4.179684f}, within(1e-5f));
            assertThat(java.util.Arrays.copyOfRange(out, 12, 16)).containsExactly(new float[] {1, 2, 3, 4}, within(1e-6f));
        }
    }
}
