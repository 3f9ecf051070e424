package org.rlhf4j.control.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.ppo.PpoCartPoleBenchmark.Run;
import org.rlhf4j.control.ppo.PpoCartPoleBenchmark.Settings;
import org.rlhf4j.control.ppo.PpoCartPoleBenchmark.Summary;

class PpoCartPoleBenchmarkTest {

    /**
     * Round 1: 60k steps in 5 s and 70k in 6 s (12,000 and 11,667 steps/s); round 2: the same steps
     * in 2 s and 3 s (30,000 and 23,333 steps/s) and a run that stopped below 475 (10,000 steps/s).
     */
    private static final List<Run> RUNS = List.of(
            new Run(1, 2, 60_000, 5, 60_000, 5), new Run(1, 3, 70_000, 6, 70_000, 6),
            new Run(2, 2, 60_000, 2, 60_000, 2), new Run(2, 3, 70_000, 3, 70_000, 3), new Run(2, 4, -1, -1, 100_000, 10));

    @Test
    void summariesSplitTheFirstRoundFromTheWarmOnes() {
        Summary cold = Summary.firstRound(RUNS);
        assertThat(cold.runs()).isEqualTo(2);
        assertThat(cold.reachedTarget()).isEqualTo(2);
        assertThat(cold.medianStepsToTarget()).isEqualTo(65_000);
        assertThat(cold.medianSecondsToTarget()).isEqualTo(5.5);
        assertThat(cold.medianStepsPerSecond()).isCloseTo((12_000 + 70_000 / 6.0) / 2, within(1e-9));
        assertThat(cold.speedupOverSb3()).isCloseTo(13 / 5.5, within(1e-12));
        assertThat(cold.stepsRelativeToSb3()).isEqualTo(1.0);

        Summary warm = Summary.laterRounds(RUNS);
        assertThat(warm.runs()).isEqualTo(3);
        assertThat(warm.reachedTarget()).isEqualTo(2);
        assertThat(warm.medianSecondsToTarget()).isEqualTo(2.5);
        assertThat(warm.medianStepsPerSecond()).isCloseTo(70_000 / 3.0, within(1e-9));     // of 30,000, 23,333 and 10,000
        assertThat(warm.throughputOverSb3()).isCloseTo(70_000 / 3.0 / 4_900, within(1e-12));
    }

    @Test
    void withoutRunsAtTheTargetTheMediansAreNaN() {
        Summary none = Summary.of(List.of(new Run(1, 2, -1, -1, 512, 0.5)));
        assertThat(none.reachedTarget()).isZero();
        assertThat(none.medianSecondsToTarget()).isNaN();
        assertThat(none.medianStepsPerSecond()).isEqualTo(1024);
        assertThat(Summary.laterRounds(List.of()).runs()).isZero();
    }

    /** Two rollouts of 8 envs x 32 steps: the cap is whole rollouts, far below 475. */
    @Test
    void aCappedRunReportsItsStepsAndRate() {
        List<Run> seen = new ArrayList<>();
        List<Run> runs = PpoCartPoleBenchmark.run(new Settings(1, List.of(5L), 512, true), seen::add);
        assertThat(seen).isEqualTo(runs).hasSize(1);
        Run run = runs.get(0);
        assertThat(run.seed()).isEqualTo(5);
        assertThat(run.reachedTarget()).isFalse();
        assertThat(run.totalSteps()).isEqualTo(512);
        assertThat(run.stepsPerSecond()).isPositive();
        assertThat(run.describe()).startsWith("round 1 seed 5: below 475 after 512 steps");
    }

    @Test
    void settingsNameTheBadField() {
        assertThatThrownBy(() -> new Settings(0, List.of(2L), 100, true)).hasMessage("rounds must be >= 1, got 0");
        assertThatThrownBy(() -> new Settings(1, List.of(), 100, true)).hasMessage("seeds must name at least one seed");
        assertThatThrownBy(() -> new Settings(1, List.of(2L), 0, true)).hasMessage("maxSteps must be >= 1, got 0");
    }
}
