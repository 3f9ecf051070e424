package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnvironmentsTest {

    @Test
    void makesEachBuiltInWithGymnasiumLimitsAndSpaces() {
        assertThat(Environments.ids()).contains("CartPole-v1", "CartPole-v0", "MountainCar-v0", "Acrobot-v1",
                "Pendulum-v1");
        assertThat(Environments.make("CartPole-v1")).isInstanceOf(CartPole.class)
                .satisfies(e -> assertThat(e.maxEpisodeSteps()).isEqualTo(500))
                .satisfies(e -> assertThat(e.observationSize()).isEqualTo(4));
        assertThat(Environments.make("MountainCar-v0")).isInstanceOf(MountainCar.class)
                .satisfies(e -> assertThat(e.maxEpisodeSteps()).isEqualTo(200))
                .satisfies(e -> assertThat(e.actionSpace()).isEqualTo(new Space.Discrete(3)));
        assertThat(Environments.make("Acrobot-v1")).isInstanceOf(Acrobot.class)
                .satisfies(e -> assertThat(e.maxEpisodeSteps()).isEqualTo(500))
                .satisfies(e -> assertThat(e.observationSize()).isEqualTo(6))
                .satisfies(e -> assertThat(((Space.Box) e.observationSpace()).high())
                        .containsExactly(1f, 1f, 1f, 1f, (float) (4 * Math.PI), (float) (9 * Math.PI)));
        assertThat(Environments.make("Pendulum-v1")).isInstanceOf(Pendulum.class)
                .satisfies(e -> assertThat(e.maxEpisodeSteps()).isEqualTo(200))
                .satisfies(e -> assertThat(e.actionSpace()).isEqualTo(new Space.Box(new float[] {-2f}, new float[] {2f})))
                .satisfies(e -> assertThat(((Space.Box) e.observationSpace()).high()).containsExactly(1f, 1f, 8f));
        assertThat(((Space.Box) Environments.make("MountainCar-v0").observationSpace()).low())
                .containsExactly(-1.2f, -0.07f);
    }

    @Test
    void eachMakeReturnsAFreshInstance() {
        assertThat(Environments.make("CartPole-v1")).isNotSameAs(Environments.make("CartPole-v1"));
    }

    @Test
    void unknownIdListsKnownIdsAndHintsAtCase() {
        assertThatThrownBy(() -> Environments.make("cartpole-v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean 'CartPole-v1'")
                .hasMessageContaining("Known ids: Acrobot-v1, CartPole-v0, CartPole-v1, ")
                .hasMessageContaining("MountainCar-v0, Pendulum-v1");
    }

    /** A user task: a coin the agent must call; terminates after a correct call. */
    static final class CoinFlip extends AbstractEnvironment {
        private int coin;

        CoinFlip() {
            super("CoinFlip-v0", new Space.Box(new float[] {0f}, new float[] {1f}), new Space.Discrete(2), 10);
        }

        @Override
        protected void sampleInitialState(SplittableRandom random) {
            coin = random.nextInt(2);
        }

        @Override
        protected void advance(int action, StepResult result) {
            result.set(action == coin ? 1.0 : 0.0, action == coin, false);
        }

        @Override
        protected void writeObservation(float[] observation, int offset) {
            observation[offset] = 0.5f;
        }
    }

    @Test
    void userEnvironmentsCanBeRegisteredAndVectorised() {
        if (!Environments.ids().contains("CoinFlip-v0")) { // the registry is global to the JVM
            Environments.register("CoinFlip-v0", CoinFlip::new);
        }
        VectorEnvironment vector = VectorEnvironment.make("CoinFlip-v0", 3);
        vector.reset(0L);
        for (int t = 0; t < 50; t++) {
            vector.step(new int[] {0, 1, 0});
        }
        EpisodeStatistics statistics = vector.statistics();
        assertThat(statistics.totalSteps()).isEqualTo(150);
        assertThat(statistics.totalEpisodes()).isPositive();
        // Each episode ends by a correct call (return 1) or by the 10-step limit (return 0).
        for (EpisodeStatistics.Episode episode : statistics.recentEpisodes()) {
            assertThat(episode.episodeReturn() == 1.0 || episode.length() == 10).isTrue();
        }
        assertThatThrownBy(() -> Environments.make("CoinFlip-v1")).hasMessageContaining("CoinFlip-v0");
    }
}
