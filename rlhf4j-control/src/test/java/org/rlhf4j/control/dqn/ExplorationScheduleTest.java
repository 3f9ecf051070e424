package org.rlhf4j.control.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.rl.LinearSchedule;

/**
 * Epsilon as SB3's get_linear_fn(initial, final, fraction) at progress p = 1 - t / T:
 * eps(t) = initial + (t / T) (final - initial) / fraction while t / T <= fraction, then final.
 */
class ExplorationScheduleTest {

    /** Zoo CartPole: 1.0 -> 0.04 over 16% of 50,000 steps (8,000 steps). */
    @Test
    void zooCartPoleScheduleByHand() {
        LinearSchedule eps = new LinearSchedule(1.0, 0.04, 0.16);
        assertThat(eps.valueAt(1.0)).isEqualTo(1.0);
        // t = 4,000: 1 + 0.08 * (-0.96) / 0.16 = 1 - 0.48 = 0.52
        assertThat(eps.valueAt(1 - 4000 / 50_000.0)).isCloseTo(0.52, within(1e-12));
        // t = 8,000: the end of the decay
        assertThat(eps.valueAt(1 - 8000 / 50_000.0)).isCloseTo(0.04, within(1e-12));
        assertThat(eps.valueAt(0.5)).isEqualTo(0.04);
        assertThat(eps.valueAt(-0.01)).isEqualTo(0.04);   // last round overshooting the budget
    }

    /**
     * The trainer's epsilon after each step, defaults 1.0 -> 0.05 over 10% of 100 steps:
     * after step t, 1 - 9.5 t / 100: t=1 0.905, t=5 0.525, t=10 0.05, then 0.05.
     */
    @Test
    void trainerUpdatesEpsilonAfterEveryStep() {
        DqnConfig config = DqnConfig.defaults().toBuilder().trainFreq(1).learningStarts(1000).netArch(List.of(8)).build();
        DqnTrainer trainer = DqnTrainer.create(config, "CartPole-v1");
        assertThat(trainer.explorationRate()).isEqualTo(1.0);
        List<Double> eps = new ArrayList<>();
        trainer.addListener(new DqnListener() {
            @Override
            public void onRoundEnd(long steps, QNetwork q) {
                eps.add(trainer.explorationRate());
            }
        });
        trainer.learn(100);
        assertThat(eps).hasSize(100);
        assertThat(eps.get(0)).isCloseTo(0.905, within(1e-12));
        assertThat(eps.get(4)).isCloseTo(0.525, within(1e-12));
        assertThat(eps.get(9)).isCloseTo(0.05, within(1e-12));
        assertThat(eps.subList(10, 100)).allMatch(e -> e == 0.05);
    }
}
