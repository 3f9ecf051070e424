package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * values (1, 3, 5, 10) as (2, 2), mask (1, 1, 1, 0): the 10 is left out.
 * mean = 9 / 3 = 3; squared deviations (4, 0, 4): biased variance 8/3 = 2.666667, unbiased 8/2 = 4.
 * whiten: (x - 3) / sqrt(4 + 1e-8) = (-1, 0, 1), 0 where masked; with the mean shifted back, (2, 3, 4, 0).
 * Unmasked: mean 19 / 4 = 4.75.
 */
class MaskedStatsTest {
    private static final float[] VALUES = {1, 3, 5, 10};
    private static final float[] MASK = {1, 1, 1, 0};

    @Test
    void meanAndVarianceOverTheMask() {
        try (Scope s = Scope.open()) {
            Tensor v = TensorData.floats(VALUES, 2, 2);
            Tensor m = TensorData.floats(MASK, 2, 2);
            assertThat(TensorData.scalar(MaskedStats.mean(v, m))).isCloseTo(3.0, within(1e-6));
            assertThat(TensorData.scalar(MaskedStats.mean(v, null))).isCloseTo(4.75, within(1e-6));
            assertThat(TensorData.scalar(MaskedStats.variance(v, m, false))).isCloseTo(2.666667, within(1e-6));
            assertThat(TensorData.scalar(MaskedStats.variance(v, m, true))).isCloseTo(4.0, within(1e-6));
        }
    }

    @Test
    void whitenCentresAndScalesOverTheMask() {
        try (Scope s = Scope.open()) {
            Tensor v = TensorData.floats(VALUES, 2, 2);
            Tensor m = TensorData.floats(MASK, 2, 2).to(org.bytedeco.pytorch.global.torch.ScalarType.Bool);
            assertThat(TensorData.toFloats(MaskedStats.whiten(v, m, true))).containsExactly(new float[] {-1, 0, 1, 0}, within(1e-6f));
            assertThat(TensorData.toFloats(MaskedStats.whiten(v, m, false))).containsExactly(new float[] {2, 3, 4, 0}, within(1e-6f));
        }
    }

    /** TRL fills masked-out log-probs with a sentinel; an infinity there must not turn the mean into NaN. */
    @Test
    void maskedOutInfinitiesDoNotLeakIn() {
        try (Scope s = Scope.open()) {
            Tensor v = TensorData.floats(new float[] {1, 3, 5, Float.POSITIVE_INFINITY}, 4);
            assertThat(TensorData.scalar(MaskedStats.mean(v, TensorData.floats(MASK, 4)))).isCloseTo(3.0, within(1e-6));
        }
    }

    @Test
    void unbiasedVarianceOfOneValueIsRefused() {
        try (Scope s = Scope.open()) {
            Tensor v = TensorData.floats(VALUES, 4);
            Tensor one = TensorData.floats(new float[] {0, 1, 0, 0}, 4);
            assertThatThrownBy(() -> MaskedStats.variance(v, one, true))
                    .hasMessageContaining("an unbiased variance needs at least 2 selected values, the mask selects 1");
            assertThatThrownBy(() -> MaskedStats.mean(v, TensorData.floats(MASK, 2, 2)))
                    .hasMessageContaining("mask has shape [2, 2] but values has shape [4]");
        }
    }

    /**
     * SB3: (x - mean) / (std + 1e-8) with torch's unbiased std. (1, 3, 5): mean 3, std sqrt(8/2) = 2
     * -> (-1, 0, 1). (A biased std, sqrt(8/3) = 1.632993, would give -1.224745.) One value is left as is.
     */
    @Test
    void normaliseUsesTheUnbiasedStandardDeviation() {
        assertThat(MaskedStats.normalise(new float[] {1, 3, 5})).containsExactly(new float[] {-1, 0, 1}, within(1e-6f));
        assertThat(MaskedStats.normalise(new float[] {7})).containsExactly(7f);
    }
}
