package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stable-baselines3 DummyVecEnv semantics. */
class VectorEnvironmentTest {

    @Test
    void resetSeedsCopyIWithSeedPlusI() {
        VectorEnvironment vector = VectorEnvironment.make("CartPole-v1", 3);
        float[] observations = vector.reset(100L).clone();
        for (int i = 0; i < 3; i++) {
            float[] single = new float[4];
            new CartPole().reset(100L + i, single);
            assertThat(Arrays.copyOfRange(observations, 4 * i, 4 * i + 4)).containsExactly(single);
        }
    }

    @Test
    void terminatedCopyIsResetInTheSameStepAndKeepsItsTerminalObservation() {
        VectorEnvironment vector = VectorEnvironment.make("CartPole-v1", 2);
        vector.reset(0L);
        CartPole first = (CartPole) vector.environment(0);
        first.setState(2.39, 1.0, 0.01, 0.0); // x = 2.39 + 0.02 * 1.0 = 2.41 > 2.4 after one step
        float[] secondBefore = Arrays.copyOfRange(vector.observations(), 4, 8);

        vector.step(new int[] {1, 0});

        assertThat(vector.dones()).containsExactly(true, false);
        assertThat(vector.terminated()).containsExactly(true, false);
        assertThat(vector.truncated()).containsExactly(false, false);
        assertThat(vector.rewards()).containsExactly(1f, 1f);
        // Terminal observation: the float32 state the episode ended in.
        float[] terminal = new float[4];
        vector.terminalObservation(0, terminal);
        assertThat(terminal[0]).isEqualTo((float) (2.39 + 0.02 * 1.0));
        assertThat(terminal[2]).isEqualTo(0.01f);
        assertThat(Arrays.copyOfRange(vector.terminalObservations(), 0, 4)).containsExactly(terminal);
        // The buffer already holds the new episode's first observation, drawn from U(-0.05, 0.05).
        for (int j = 0; j < 4; j++) {
            assertThat(vector.observations()[j]).isBetween(-0.05f, 0.05f);
        }
        assertThat(first.elapsedSteps()).isZero();
        // Copy 1 just stepped on.
        assertThat(Arrays.copyOfRange(vector.observations(), 4, 8)).isNotEqualTo(secondBefore);
        assertThat(vector.environment(1)).extracting(e -> ((CartPole) e).elapsedSteps()).isEqualTo(1);
        assertThatThrownBy(() -> vector.terminalObservation(1, terminal)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("copy 1");
    }

    @Test
    void autoResetContinuesTheCopysOwnRandomStream() {
        VectorEnvironment vector = VectorEnvironment.make("CartPole-v1", 1);
        vector.reset(5L);
        ((CartPole) vector.environment(0)).setState(2.39, 1.0, 0, 0);
        vector.step(new int[] {1});
        // The same as a single env seeded with 5 and then reset without a seed.
        CartPole single = new CartPole();
        float[] expected = new float[4];
        single.reset(5L, expected);
        single.reset(expected);
        assertThat(Arrays.copyOf(vector.observations(), 4)).containsExactly(expected);
    }

    @Test
    void truncatedCopiesKeepTheirFinalObservationForBootstrapping() {
        VectorEnvironment vector = VectorEnvironment.make("MountainCar-v0", 2);
        vector.reset(9L);
        int[] noPush = {1, 1};
        float[] beforeLast = null;
        for (int t = 1; t <= 200; t++) {
            if (t == 200) {
                beforeLast = vector.observations().clone();
            }
            vector.step(noPush);
            boolean last = t == 200;
            assertThat(vector.truncated()).containsExactly(last, last);
            assertThat(vector.terminated()).containsExactly(false, false);
        }
        // Final observation = one more step of the dynamics from the state before it, not the reset state.
        for (int i = 0; i < 2; i++) {
            float[] terminal = new float[2];
            vector.terminalObservation(i, terminal);
            assertThat(terminal[0]).isNotEqualTo(vector.observations()[2 * i]);
            assertThat(terminal[0]).isCloseTo(beforeLast[2 * i] + terminal[1], within(1e-6f));
            // after auto-reset: position in [-0.6, -0.4), velocity 0
            assertThat(vector.observations()[2 * i]).isBetween(-0.6f, -0.4f);
            assertThat(vector.observations()[2 * i + 1]).isZero();
        }
        EpisodeStatistics statistics = vector.statistics();
        assertThat(statistics.totalEpisodes()).isEqualTo(2);
        assertThat(statistics.totalSteps()).isEqualTo(400);
        assertThat(statistics.recentEpisodes()).containsExactly(new EpisodeStatistics.Episode(-200.0, 200),
                new EpisodeStatistics.Episode(-200.0, 200));
    }

    @Test
    void continuousActionsAreTakenFromTheFlatArray() {
        VectorEnvironment vector = VectorEnvironment.make("Pendulum-v1", 2);
        vector.reset(0L);
        ((Pendulum) vector.environment(0)).setState(0.5, 0.0);
        ((Pendulum) vector.environment(1)).setState(0.5, 0.0);
        vector.step(new float[] {1.0f, -1.0f});
        // copy 0: (15 sin 0.5 + 3) * 0.05 = 0.5095691539531523 ; copy 1: (15 sin 0.5 - 3) * 0.05 = 0.2095691539531523
        assertThat(((Pendulum) vector.environment(0)).state()[1]).isCloseTo(0.5095691539531523,
                within(1e-15));
        assertThat(((Pendulum) vector.environment(1)).state()[1]).isCloseTo(0.2095691539531523,
                within(1e-15));
        assertThat(vector.observations()[2]).isEqualTo((float) 0.5095691539531523);
        assertThat(vector.observations()[5]).isEqualTo((float) 0.2095691539531523);
    }

    @Test
    void invalidActionIsRejectedBeforeAnyCopyMoves() {
        VectorEnvironment vector = VectorEnvironment.make("CartPole-v1", 2);
        float[] before = vector.reset(1L).clone();
        assertThatThrownBy(() -> vector.step(new int[] {0, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actions[1] = 2").hasMessageContaining("0..1").hasMessageContaining("CartPole-v1");
        assertThat(vector.observations()).containsExactly(before);
        assertThat(((CartPole) vector.environment(0)).elapsedSteps()).isZero();
    }

    @Test
    void randomPlayCountsEveryStepAndEpisode() {
        VectorEnvironment vector = VectorEnvironment.make("CartPole-v1", 4);
        vector.reset(3L);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int[] actions = new int[4];
        long dones = 0;
        double rewardSum = 0;
        for (int t = 0; t < 1000; t++) {
            for (int i = 0; i < 4; i++) {
                actions[i] = random.nextInt(2);
            }
            vector.step(actions);
            for (int i = 0; i < 4; i++) {
                dones += vector.dones()[i] ? 1 : 0;
                rewardSum += vector.rewards()[i];
            }
        }
        EpisodeStatistics statistics = vector.statistics();
        assertThat(statistics.totalSteps()).isEqualTo(4000);
        assertThat(statistics.totalEpisodes()).isEqualTo(dones).isGreaterThan(50); // random play lasts ~22 steps
        assertThat(rewardSum).isEqualTo(4000.0);
        for (EpisodeStatistics.Episode episode : statistics.recentEpisodes()) {
            assertThat(episode.episodeReturn()).isEqualTo(episode.length()); // +1 per step
            assertThat(episode.length()).isBetween(1, 500);
        }
        assertThat(statistics.windowCount()).isEqualTo(100);
    }

    @Test
    void constructorRejectsSharedInstancesAndMixedSpaces() {
        CartPole shared = new CartPole();
        assertThatThrownBy(() -> new VectorEnvironment(List.of(shared, shared)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same instance");
        assertThatThrownBy(() -> new VectorEnvironment(List.of(new CartPole(), new MountainCar())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different spaces");
        assertThatThrownBy(() -> new VectorEnvironment(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
