package org.rlhf4j.control.dqn;

import java.util.Locale;
import java.util.stream.Collectors;
import org.rlhf4j.control.env.Environments;

/**
 * Measures rl-baselines3-zoo's CartPole-v1 DQN over several seeds (a tool, not a test): per seed,
 * wall time, steps/s, a greedy evaluation (10 episodes) every 5,000 steps as in
 * {@link DqnConvergenceTest}, and a 20-episode evaluation of the final network. After
 * {@code mvn -o -q test-compile -pl rlhf4j-control}, run its main on the module's test class path
 * with {@code --add-modules jdk.incubator.vector}: arguments {@code [firstSeed] [seeds] [double]}.
 */
public final class CartPoleSeedSweep {
    public static void main(String[] args) {
        long first = args.length > 0 ? Long.parseLong(args[0]) : 0;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean doubleQ = args.length > 2 && args[2].equals("double");
        for (long seed = first; seed < first + count; seed++) {
            DqnConfig config = DqnConfig.zooCartPole(seed).toBuilder().doubleQ(doubleQ).build();
            DqnTrainer trainer = DqnTrainer.create(config, "CartPole-v1");
            PeriodicEvaluation evaluation = new PeriodicEvaluation(Environments.make("CartPole-v1"), 5000, 10,
                    DqnConvergenceTest.EVALUATION_SEED);
            trainer.addListener(evaluation);
            long t0 = System.nanoTime();
            DqnMetrics end = trainer.learn(50_000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            GreedyEvaluation.Result last = trainer.evaluate(Environments.make("CartPole-v1"), 20, 123_456);
            String evals = evaluation.points().stream().map(p -> String.format(Locale.ROOT, "%d:%.0f", p.timesteps(), p.meanReturn()))
                    .collect(Collectors.joining(" "));
            System.out.printf(Locale.ROOT, "seed %d double=%s %s: %.1f s, %.0f steps/s, ep_rew_mean %.1f, final eval %.1f +- %.1f,"
                            + " first>=475 at %s; evals %s%n", seed, doubleQ, trainer.qNetwork().mlp().backend(), seconds,
                    end.totalTimesteps() / seconds, end.episodeRewardMean(), last.meanReturn(), last.stdReturn(),
                    evaluation.firstAtLeast(475).map(p -> Long.toString(p.timesteps())).orElse("never"), evals);
        }
    }
}
