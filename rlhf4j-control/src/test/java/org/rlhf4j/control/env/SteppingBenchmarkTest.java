package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SteppingBenchmarkTest {

    /**
     * Smoke check with a generous floor: Gymnasium's raw CartPole loop does ~1.6e5 steps/s, the
     * goal is 10x that; this asserts 2x so it stays reliable on a loaded CI machine.
     */
    @Test
    @Tag("slow")
    void cartPoleSteppingIsFarFasterThanPython() {
        assertThat(SteppingBenchmark.singleStepsPerSecond("CartPole-v1", 0.3, 0.3)).isGreaterThan(3.2e5);
        assertThat(SteppingBenchmark.vectorStepsPerSecond("CartPole-v1", 8, 0.3, 0.3)).isGreaterThan(3.2e5);
    }

    @Test
    void measureReportsBothRatesAndRejectsAZeroMeasurement() {
        SteppingBenchmark.Result r = SteppingBenchmark.measure("CartPole-v1", 8, 0, 0.01);
        assertThat(r.copies()).isEqualTo(8);
        assertThat(r.singleStepsPerSecond()).isPositive();
        assertThat(r.vectorStepsPerSecond()).isPositive();
        assertThatThrownBy(() -> SteppingBenchmark.measure("CartPole-v1", 8, 0.01, 0))
                .hasMessage("stepping warm-up must be >= 0 s and measurement > 0 s, got 0.01 and 0.0");
    }

    @Test
    void continuousEnvironmentsAreRejected() {
        assertThatThrownBy(() -> SteppingBenchmark.singleStepsPerSecond("Pendulum-v1", 0.01, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discrete");
    }
}
