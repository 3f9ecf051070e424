package org.rlhf4j.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    /** Peak 1e-3, 10 warm-up steps, 110 in all, floor 10%: step 0 -> 1e-4, step 9 -> 1e-3, step 60 (half-way) -> 1e-3 * (0.1 + 0.9 * 0.5) = 5.5e-4, step 110 -> 1e-4. */
    @Test
    void warmsUpLinearlyThenDecaysByCosine() {
        var s = new LearningRateSchedule(1e-3, 10, 110, 0.1);
        assertThat(s.at(0)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.at(9)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(10)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(60)).isCloseTo(5.5e-4, within(1e-12));
        assertThat(s.at(110)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.at(500)).isCloseTo(1e-4, within(1e-12));
    }
}
