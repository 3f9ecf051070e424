package org.rlhf4j.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

class LmLossTest {
    /**
     * Two positions over a vocabulary of 2. Position 0: logits (0, ln 3) -> p = (1/4, 3/4), target 1,
     * loss -ln(3/4) = 0.287682. Position 1: logits (0, 0) -> p = (1/2, 1/2), target 0, loss ln 2 = 0.693147.
     * Mean 0.490415; with position 1 ignored, 0.287682.
     */
    @Test
    void averagesOverUnmaskedPositions() {
        try (Scope s = Scope.open()) {
            var logits = TensorData.floats(new float[] {0f, (float) Math.log(3), 0f, 0f}, 1, 2, 2);
            double both = TensorData.scalar(LmLoss.crossEntropy(logits, TensorData.longs(new long[] {1, 0}, 1, 2)));
            double first = TensorData.scalar(LmLoss.crossEntropy(logits, TensorData.longs(new long[] {1, LmBatch.IGNORE}, 1, 2)));
            assertThat(both).isCloseTo(0.490415, within(1e-6));
            assertThat(first).isCloseTo(0.287682, within(1e-6));
        }
    }

    @Test
    void batchFromSequencesShiftsTargetsAndMasksThem() {
        LmBatch b = LmBatch.fromSequences(new int[][] {{5, 6, 7, 8}}, new boolean[][] {{false, false, true, true}});
        assertThat(b.inputs()).containsExactly(5, 6, 7);
        assertThat(b.targets()).containsExactly(LmBatch.IGNORE, 7, 8);
    }
}
