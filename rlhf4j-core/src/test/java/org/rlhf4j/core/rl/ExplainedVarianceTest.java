package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExplainedVarianceTest {
    private static final float[] Y = {1, 2, 3, 4};

    /**
     * y = (1, 2, 3, 4): mean 2.5, Var[y] = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
     * yPred = (1, 2, 3, 3): y - yPred = (0, 0, 0, 1), mean 0.25, Var = (3 * 0.0625 + 0.5625) / 4 = 0.1875.
     * 1 - 0.1875 / 1.25 = 0.85.
     */
    @Test
    void matchesHandWorkedNumber() {
        assertThat(ExplainedVariance.of(new float[] {1, 2, 3, 3}, Y)).isCloseTo(0.85, within(1e-12));
    }

    /** A constant offset explains everything (1); a constant prediction explains nothing (0). */
    @Test
    void offsetsAndConstants() {
        assertThat(ExplainedVariance.of(new float[] {6, 7, 8, 9}, Y)).isEqualTo(1.0);
        assertThat(ExplainedVariance.of(new float[] {0, 0, 0, 0}, Y)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void nanWhenTheTargetsDoNotVary() {
        assertThat(ExplainedVariance.of(new float[] {1, 2, 3}, new float[] {5, 5, 5})).isNaN();
    }
}
