package org.rlhf4j.control.ppo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times PPO with the rl-baselines3-zoo CartPole-v1 settings to a last-100-episode mean return of
 * 475 (a diagnostic main, not a test), in one JVM, repeated, with medians:
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat cp.txt) \
 *       org.rlhf4j.control.ppo.PpoCartPoleTiming [rounds] [seeds...]
 * </pre>
 * Round 1 includes the JIT's warm-up; the medians are over all rounds.
 */
public final class PpoCartPoleTiming {
    /** Steps and seconds at the first update whose ep_rew_mean reached 475, or -1 when it never did. */
    record Run(long seed, long stepsTo475, double secondsTo475, long totalSteps, double totalSeconds) {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long[] seeds = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToLong(Long::parseLong).toArray() : new long[] {1, 2, 3};
        boolean runFull = Boolean.getBoolean("full");
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (long seed : seeds) {
                Run run = run(seed, runFull);
                runs.add(run);
                System.out.printf(Locale.ROOT, "round %d seed %d: 475 at %d steps, %.2f s; ran %d steps in %.2f s (%.0f steps/s)%n", round,
                        seed, run.stepsTo475, run.secondsTo475, run.totalSteps, run.totalSeconds, run.totalSteps / run.totalSeconds);
            }
        }
        for (long seed : seeds) {
            double[] steps = runs.stream().filter(r -> r.seed == seed).mapToDouble(r -> r.stepsTo475).toArray();
            double[] secs = runs.stream().filter(r -> r.seed == seed).mapToDouble(r -> r.secondsTo475).toArray();
            System.out.printf(Locale.ROOT, "seed %d: steps to 475 %d, median seconds %.2f%n", seed, (long) steps[0], median(secs));
        }
        double[] rates = runs.stream().mapToDouble(r -> r.totalSteps / r.totalSeconds).toArray();
        double[] secs = runs.stream().mapToDouble(r -> r.secondsTo475).toArray();
        double[] steps = runs.stream().mapToDouble(r -> r.stepsTo475).toArray();
        System.out.printf(Locale.ROOT, "median over all runs: %.0f steps to 475, %.2f s to 475, %.0f steps/s%n", median(steps), median(secs),
                median(rates));
    }

    static Run run(long seed, boolean runFull) {
        PpoTrainer ppo = PpoTrainer.create(PpoConfig.zooCartPole().withSeed(seed), "CartPole-v1");
        long[] reached = {-1};
        double[] reachedSeconds = {-1};
        long start = System.nanoTime();
        ppo.addListener(update -> {
            if (reached[0] < 0 && update.rollout().episodeRewardMean() >= 475) {
                reached[0] = update.rollout().totalTimesteps();
                reachedSeconds[0] = (System.nanoTime() - start) / 1e9;
                if (!runFull) ppo.requestStop();
            }
        });
        ppo.learn(100_000);
        double total = (System.nanoTime() - start) / 1e9;
        return new Run(seed, reached[0], reachedSeconds[0], ppo.numTimesteps(), total);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
