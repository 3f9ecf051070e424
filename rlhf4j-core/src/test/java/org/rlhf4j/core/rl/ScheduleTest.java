package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    /** 3e-4 -> 0: end + p * (start - end) = 3e-4 * p: 3e-4 at p = 1, 1.5e-4 at 0.5, 0.75e-4 at 0.25, 0 at 0. */
    @Test
    void linearRunsFromStartToEnd() {
        Schedule lr = Schedule.linear(3e-4, 0);
        assertThat(lr.valueAt(1.0)).isCloseTo(3e-4, within(1e-15));
        assertThat(lr.valueAt(0.5)).isCloseTo(1.5e-4, within(1e-15));
        assertThat(lr.valueAt(0.25)).isCloseTo(0.75e-4, within(1e-15));
        assertThat(lr.valueAt(0.0)).isCloseTo(0.0, within(1e-15));
        assertThat(lr.valueAt(-0.01)).as("overshooting the budget holds the end").isEqualTo(0.0);
    }

    /**
     * SB3's DQN exploration: 1.0 -> 0.05 over the first 10%. At p = 0.95 (5% elapsed):
     * 1 + 0.05 * (0.05 - 1) / 0.1 = 1 - 0.475 = 0.525; at p = 0.5, past the end fraction: 0.05.
     */
    @Test
    void endFractionReachesTheEndEarly() {
        LinearSchedule eps = new LinearSchedule(1.0, 0.05, 0.1);
        assertThat(eps.valueAt(0.95)).isCloseTo(0.525, within(1e-12));
        assertThat(eps.valueAt(0.5)).isEqualTo(0.05);
    }

    @Test
    void constantIgnoresProgress() {
        Schedule clip = Schedule.constant(0.2);
        assertThat(clip.valueAt(1.0)).isEqualTo(0.2);
        assertThat(clip.valueAt(0.3)).isEqualTo(0.2);
    }

    @Test
    void rejectsProgressAboveOneAndBadFractions() {
        assertThatThrownBy(() -> Schedule.linear(1, 0).valueAt(1.5)).hasMessageContaining("progressRemaining must be at most 1");
        assertThatThrownBy(() -> Schedule.constant(1).valueAt(Double.NaN)).hasMessageContaining("progressRemaining must be at most 1");
        assertThatThrownBy(() -> new LinearSchedule(1, 0, 0)).hasMessageContaining("endFraction must be in (0, 1], got 0.0");
    }
}
