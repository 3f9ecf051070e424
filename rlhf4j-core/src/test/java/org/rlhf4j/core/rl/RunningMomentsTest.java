package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RunningMomentsTest {
    @Test
    void batchesMergeToTheMomentsOfEverything() {
        RunningMoments m = RunningMoments.empty().update(new double[] {1, 2, 3});
        assertThat(m.mean()).isEqualTo(2.0);
        assertThat(m.var()).isCloseTo(2.0 / 3, within(1e-12));
        m = m.update(new double[] {4, 5});
        // 1..5: mean 3, population variance 2, sample std sqrt(2.5).
        assertThat(m.mean()).isCloseTo(3.0, within(1e-12));
        assertThat(m.var()).isCloseTo(2.0, within(1e-12));
        assertThat(m.count()).isEqualTo(5);
        assertThat(m.std()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(RunningMoments.empty().std()).isEqualTo(1.0);
    }
}
