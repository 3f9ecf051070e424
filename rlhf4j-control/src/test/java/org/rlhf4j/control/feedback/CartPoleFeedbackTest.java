package org.rlhf4j.control.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CartPoleFeedbackTest {
    private final CartPoleFeedback documents = CartPoleFeedback.documents();

    /** (x, xDot, theta, thetaDot) at offset 1 of a buffer, as a vector environment lays copies out. */
    private double at(float x, float theta) {
        return documents.feedback(new float[] {99f, x, 5f, theta, -5f}, 1);
    }

    @Test
    void penalisesALeaningPoleAndAnOffCentreCartByOneEach() {
        assertThat(at(0f, 0f)).isZero();
        assertThat(at(0.5f, 0.05f)).as("at the thresholds: not beyond them").isZero();
        assertThat(at(0f, 0.06f)).isEqualTo(-1.0);
        assertThat(at(0f, -0.06f)).isEqualTo(-1.0);
        assertThat(at(-0.6f, 0f)).isEqualTo(-1.0);
        assertThat(at(0.6f, -0.2f)).isEqualTo(-2.0);
    }

    @Test
    void combinesWithTheEnvironmentReward() {
        float[] leaning = {0f, 0f, 0.1f, 0f};
        assertThat(RewardShaping.added(documents).shape(1.0, leaning, 0)).isEqualTo(0.0);
        assertThat(RewardShaping.replacing(documents).shape(1.0, leaning, 0)).isEqualTo(-1.0);
        assertThat(RewardShaping.added(documents).shape(1.0, new float[4], 0)).isEqualTo(1.0);
    }

    @Test
    void validatesItsParameters() {
        assertThatThrownBy(() -> new CartPoleFeedback(-1, -0.1, -1, 0.5)).hasMessageContaining("angleThresholdRadians");
        assertThatThrownBy(() -> new CartPoleFeedback(Double.NaN, 0.05, -1, 0.5)).hasMessageContaining("anglePenalty");
    }
}
