package org.rlhf4j.control.a2c;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rlhf4j.control.env.Environments;
import org.rlhf4j.control.policy.PolicyEvaluation;

/**
 * A2C with rl-baselines3-zoo's CartPole-v1 settings (8 envs, ent_coef 0, otherwise SB3's
 * defaults) reaches a deterministic evaluation return of 475 (10 episodes, SB3's
 * {@code evaluate_policy}) within the zoo's 500k steps; evaluated every 25k steps.
 */
class A2cConvergenceTest {
    @Tag("slow")
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void cartPoleEvaluatesAt475Within500kSteps(long seed) {
        A2cTrainer a2c = A2cTrainer.create(A2cConfig.zooCartPole().withSeed(seed), "CartPole-v1");
        long[] nextEvaluation = {25_000}, reached = {-1};
        a2c.addListener(update -> {
            if (update.rollout().totalTimesteps() < nextEvaluation[0]) return;
            nextEvaluation[0] += 25_000;
            PolicyEvaluation.Result evaluation = PolicyEvaluation.evaluate(a2c.policy(), Environments.make("CartPole-v1"), 10, true,
                    1_000_000L, null);
            if (evaluation.meanReturn() >= 475) {
                reached[0] = update.rollout().totalTimesteps();
                a2c.requestStop();
            }
        });
        long start = System.nanoTime();
        a2c.learn(500_000);
        System.out.printf(Locale.ROOT, "A2C CartPole seed %d: deterministic evaluation >= 475 at %d steps, %.2f s%n", seed, reached[0],
                (System.nanoTime() - start) / 1e9);
        assertThat(reached[0]).as("steps at which the deterministic evaluation reached 475").isPositive();
    }
}
