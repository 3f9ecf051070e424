package org.rlhf4j.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Ops;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

class RmsNormTest {
    /**
     * x = (1, 2, 3, 4): mean(x^2) = 30 / 4 = 7.5, rms = sqrt(7.5 + 1e-5) = 2.738614;
     * x / rms = (0.365148, 0.730296, 1.095445, 1.460593); times weight (1, 0.5, 2, -1)
     * = (0.365148, 0.365148, 2.190890, -1.460593).
     */
    @Test
    void matchesHandWorkedValues() {
        try (Scope s = Scope.open()) {
            float[] out = TensorData.toFloats(Ops.rmsNorm(TensorData.floats(new float[] {1, 2, 3, 4}, 1, 4),
                    TensorData.floats(new float[] {1, 0.5f, 2, -1}, 4), 1e-5));
            assertThat(out).containsExactly(new float[] {0.365148f, 0.365148f, 2.190890f, -1.460593f}, within(2e-6f));
        }
    }
}
