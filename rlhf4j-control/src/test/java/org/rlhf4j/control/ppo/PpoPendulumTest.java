package org.rlhf4j.control.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the Gaussian policy: PPO with rl-baselines3-zoo's Pendulum-v1 settings (without
 * gSDE) improves the return within 61k steps (about 2 s). Measured: -1129 after the first rollout,
 * about -270 after 61k steps and -170 after 100k.
 */
class PpoPendulumTest {
    @Test
    void returnImproves() {
        PpoTrainer ppo = PpoTrainer.create(ZooSettings.pendulum().withSeed(1), "Pendulum-v1");
        double[] first = {Double.NaN}, last = {Double.NaN};
        ppo.addListener(update -> {
            if (Double.isNaN(first[0])) first[0] = update.rollout().episodeRewardMean();
            last[0] = update.rollout().episodeRewardMean();
        });
        ppo.learn(61_440);
        System.out.printf(Locale.ROOT, "PPO Pendulum: ep_rew_mean %.1f after the first rollout, %.1f after 61k steps%n", first[0], last[0]);
        // a random policy scores about -1200; swinging up and holding scores above -200
        assertThat(last[0]).isGreaterThan(first[0] + 300).isGreaterThan(-800);
    }
}
