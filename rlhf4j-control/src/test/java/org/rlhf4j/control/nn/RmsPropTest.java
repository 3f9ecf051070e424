package org.rlhf4j.control.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RmsPropTest {
    @Test
    void twoStepsByHand() {
        // lr 0.01, alpha 0.99, eps 1e-5, p = 1:
        //   g = 0.5:  v = 0.01 * 0.25 = 0.0025, sqrt 0.05, p = 1 - 0.01 * 0.5 / 0.05001 = 0.90002000
        //   g = -0.5: v = 0.99 * 0.0025 + 0.0025 = 0.004975, sqrt 0.07053368, p = 0.90002 + 0.005 / 0.07054368 = 0.97089807
        float[] p = {1f, 3f}, g = {0.5f, 0f};
        RmsProp rms = new RmsProp(new float[][] {p}, new float[][] {g}, 0.01, 0.99, 1e-5);
        rms.step();
        assertThat(p[0]).isCloseTo(0.90002000f, within(1e-6f));
        g[0] = -0.5f;
        rms.step();
        assertThat(p[0]).isCloseTo(0.97089807f, within(1e-6f));
        assertThat(p[1]).as("a zero gradient moves nothing").isEqualTo(3f);
        assertThat(rms.steps()).isEqualTo(2);
    }

    @Test
    void learningRateFollowsTheSetter() {
        float[] p = {1f}, g = {1f};
        RmsProp rms = new RmsProp(new float[][] {p}, new float[][] {g}, 0.01, 0.99, 1e-5);
        rms.setLearningRate(0.0);
        rms.step();
        assertThat(p[0]).isEqualTo(1f);
        assertThat(rms.learningRate()).isZero();
    }

    @Test
    void validatesItsArguments() {
        float[][] one = {new float[1]};
        assertThatThrownBy(() -> new RmsProp(one, one, 0.01, 1.0, 1e-5)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new RmsProp(one, one, 0.01, 0.99, 0)).hasMessageContaining("eps");
        assertThatThrownBy(() -> new RmsProp(one, new float[][] {new float[2]}, 0.01, 0.99, 1e-5)).hasMessageContaining("lengths");
    }
}
