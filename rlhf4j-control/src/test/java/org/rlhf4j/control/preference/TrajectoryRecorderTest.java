package org.rlhf4j.control.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrajectoryRecorderTest {
    /** Copy 0: 3 steps, terminated; copy 1: 5 steps, truncated. Observations are 10 * copy + t, rewards t + 1. */
    private static TrajectoryRecorder recorded(int capacity) {
        TrajectoryRecorder recorder = new TrajectoryRecorder(1, 1, 2, capacity);
        for (int t = 0; t < 5; t++) {
            if (t < 3) recorder.record(0, new float[] {t}, 0, new float[] {1}, 0, t + 1, t == 2, false);
            recorder.record(1, new float[] {10 + t}, 0, new float[] {0}, 0, t + 1, false, t == 4);
        }
        return recorder;
    }

    @Test
    void cutsClipsFromEveryValidStartWithAnAbsorbingTailAfterATermination() {
        TrajectoryRecorder recorder = recorded(100);
        assertThat(recorder.episodes()).isEqualTo(2);
        assertThat(recorder.pooledSteps()).isEqualTo(8);
        // length 4: terminated episode starts 0, 1, 2; truncated one 0, 1 (4 real steps must fit in 5)
        Map<String, Integer> seen = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 5_000; i++) {
            Segment s = recorder.sample(4, random);
            seen.merge((int) s.observations()[0] + "", 1, Integer::sum);
            assertThat(s.length()).isEqualTo(4);
            if (s.observations()[0] < 10) {
                int start = (int) s.observations()[0];
                assertThat(s.realSteps()).isEqualTo(3 - start);
                assertThat(s.terminates()).isTrue();
                // rewards t + 1 for the real steps, then 0 in the absorbing state
                assertThat(s.trueReturn()).isEqualTo(sum(start + 1, 3));
            } else {
                assertThat(s.realSteps()).isEqualTo(4);
                assertThat(s.terminates()).isFalse();
            }
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder("0", "1", "2", "10", "11");
        assertThat(seen.values()).allMatch(c -> c > 800 && c < 1200);
        assertThat(recorder.sample(6, random).observations()[0]).as("only the terminated episode fits 6 steps").isLessThan(10);
    }

    private static double sum(int from, int to) {
        double s = 0;
        for (int i = from; i <= to; i++) s += i;
        return s;
    }

    @Test
    void dropsTheOldestEpisodesBeyondItsCapacityAndSkipsUnfinishedOnes() {
        TrajectoryRecorder recorder = recorded(5);
        assertThat(recorder.episodes()).as("3 + 5 steps > 5: the first episode goes").isEqualTo(1);
        recorder.record(0, new float[] {99}, 0, new float[] {1}, 0, 1, false, false);
        assertThat(recorder.recordedSteps()).isEqualTo(9);
        float[][] steps = recorder.pooledSteps(100, new SplittableRandom(1));
        assertThat(steps[0]).containsExactly(10, 11, 12, 13, 14);
        assertThat(new TrajectoryRecorder(1, 1, 1, 10).sample(1, new SplittableRandom(1))).isNull();
    }
}
