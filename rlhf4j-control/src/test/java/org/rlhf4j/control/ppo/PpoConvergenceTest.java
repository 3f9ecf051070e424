package org.rlhf4j.control.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PPO learns CartPole with rl-baselines3-zoo's settings at stable-baselines3's sample efficiency
 * (about 65k steps to a last-100-episode mean of 475).
 *
 * <p>Seeds: over seeds 1-30 (AVX-512), 27 reached 475 within 100k steps, median 67k steps;
 * seeds 1, 8 and 14 peaked, fell back, and had not recovered the 100-episode mean by 100k, as SB3
 * runs sometimes do with the learning rate still at 3e-4. Float sums differ with the vector
 * width, so a seed's run differs between machines; the three seeds here reached 475 with 512-,
 * 256- and 128-bit vectors alike (JVM option -XX:MaxVectorSize).
 */
class PpoConvergenceTest {
    @Tag("slow")
    @ParameterizedTest
    @ValueSource(longs = {2, 3, 4})
    void cartPoleReaches475Within100kSteps(long seed) {
        PpoTrainer ppo = PpoTrainer.create(PpoConfig.zooCartPole().withSeed(seed), "CartPole-v1");
        long[] reached = {-1};
        ppo.addListener(update -> {
            if (update.rollout().episodeRewardMean() >= 475) {
                reached[0] = update.rollout().totalTimesteps();
                ppo.requestStop();
            }
        });
        long start = System.nanoTime();
        ppo.learn(100_000);
        System.out.printf(Locale.ROOT, "PPO CartPole seed %d: ep_rew_mean >= 475 at %d steps, %.2f s%n", seed, reached[0],
                (System.nanoTime() - start) / 1e9);
        assertThat(reached[0]).as("steps at which the last-100-episode mean reached 475").isPositive().isLessThanOrEqualTo(100_096);
    }
}
