package org.rlhf4j.control.ppo;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Times PPO with rl-baselines3-zoo's CartPole-v1 settings ({@link PpoConfig#zooCartPole()}) to the
 * first update whose last-100-episode mean return ({@code rollout/ep_rew_mean}) reaches
 * {@value #TARGET_RETURN}, against stable-baselines3 2.4.1 on the same settings: about
 * {@value #SB3_STEPS_TO_TARGET} steps and {@value #SB3_SECONDS_TO_TARGET} s, about
 * {@value #SB3_STEPS_PER_SECOND} environment steps per second.
 *
 * <p>All runs share one JVM, round after round over the seeds. Round 1 includes the JIT's
 * compilation of the Vector API kernels (about 1.5 s on the first run), so {@link Summary}
 * reports it apart from the warm rounds after it. A seed's steps to 475 are the same in every
 * round; only the times vary. Serves {@code rlhf4j bench control}.
 */
public final class PpoCartPoleBenchmark {
    public static final double TARGET_RETURN = 475;
    public static final long SB3_STEPS_TO_TARGET = 65_000;
    public static final double SB3_SECONDS_TO_TARGET = 13;
    public static final double SB3_STEPS_PER_SECOND = 4_900;

    private PpoCartPoleBenchmark() {
    }

    /**
     * @param rounds       passes over the seeds in one JVM (the first includes JIT warm-up)
     * @param seeds        PPO seeds, each run once per round
     * @param maxSteps     environment steps at most per run, and so the length of the linear schedules
     *                     (SB3's total_timesteps; the zoo trains 100k)
     * @param stopAtTarget stop a run at its first update at 475 (else train to maxSteps, timing the whole run)
     */
    public record Settings(int rounds, List<Long> seeds, long maxSteps, boolean stopAtTarget) {
        public Settings {
            if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
            if (seeds == null || seeds.isEmpty()) throw new IllegalArgumentException("seeds must name at least one seed");
            seeds = List.copyOf(seeds);
            if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }

        /** 3 rounds over seeds 2, 3 and 4 (those of PpoConvergenceTest), the zoo's 100k steps, stopping at 475. */
        public static Settings defaults() {
            return new Settings(3, List.of(2L, 3L, 4L), 100_000, true);
        }
    }

    /**
     * One training run; the clock starts when {@code learn} is called.
     *
     * @param stepsToTarget   total timesteps at the first update at 475, or -1 when none reached it
     * @param secondsToTarget wall seconds to that update, or -1
     * @param totalSteps      timesteps the run took (the update at 475 ends it, unless the settings say otherwise)
     * @param totalSeconds    wall seconds of the run
     */
    public record Run(int round, long seed, long stepsToTarget, double secondsToTarget, long totalSteps, double totalSeconds) {
        public boolean reachedTarget() {
            return stepsToTarget >= 0;
        }

        /** Environment steps per second while training, updates included. */
        public double stepsPerSecond() {
            return totalSteps / totalSeconds;
        }

        /** One line for a progress log. */
        public String describe() {
            String outcome = reachedTarget()
                    ? String.format(Locale.ROOT, "475 at %,d steps, %.2f s", stepsToTarget, secondsToTarget)
                    : String.format(Locale.ROOT, "below 475 after %,d steps", totalSteps);
            return String.format(Locale.ROOT, "round %d seed %d: %s; ran %,d steps in %.2f s (%,.0f steps/s)", round, seed, outcome,
                    totalSteps, totalSeconds, stepsPerSecond());
        }
    }

    /**
     * Medians over a group of runs: steps and seconds to 475 over the runs that reached it (NaN when
     * none did), steps per second over all of them.
     */
    public record Summary(int runs, int reachedTarget, double medianStepsToTarget, double medianSecondsToTarget,
                          double medianStepsPerSecond) {

        public static Summary of(List<Run> runs) {
            List<Run> reached = runs.stream().filter(Run::reachedTarget).toList();
            return new Summary(runs.size(), reached.size(), median(reached.stream().mapToDouble(Run::stepsToTarget).toArray()),
                    median(reached.stream().mapToDouble(Run::secondsToTarget).toArray()),
                    median(runs.stream().mapToDouble(Run::stepsPerSecond).toArray()));
        }

        /** Round 1, whose runs include the JIT's warm-up. */
        public static Summary firstRound(List<Run> runs) {
            return of(runs.stream().filter(r -> r.round() == 1).toList());
        }

        /** Rounds 2 and later, in a warm JVM; zero runs when there was one round. */
        public static Summary laterRounds(List<Run> runs) {
            return of(runs.stream().filter(r -> r.round() > 1).toList());
        }

        /** stable-baselines3's seconds to 475 over ours: how many times faster. */
        public double speedupOverSb3() {
            return SB3_SECONDS_TO_TARGET / medianSecondsToTarget;
        }

        /** Our steps to 475 over stable-baselines3's: 1 is the same sample efficiency. */
        public double stepsRelativeToSb3() {
            return medianStepsToTarget / SB3_STEPS_TO_TARGET;
        }

        /** Our steps per second while training over stable-baselines3's. */
        public double throughputOverSb3() {
            return medianStepsPerSecond / SB3_STEPS_PER_SECOND;
        }
    }

    /** {@code settings.rounds()} passes over the seeds, each run handed to {@code onRun} as it ends. */
    public static List<Run> run(Settings settings, Consumer<Run> onRun) {
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (long seed : settings.seeds()) {
                Run run = run(round, seed, settings.maxSteps(), settings.stopAtTarget());
                runs.add(run);
                onRun.accept(run);
            }
        }
        return runs;
    }

    static Run run(int round, long seed, long maxSteps, boolean stopAtTarget) {
        PpoTrainer ppo = PpoTrainer.create(PpoConfig.zooCartPole().withSeed(seed), "CartPole-v1");
        long[] reachedSteps = {-1};
        double[] reachedSeconds = {-1};
        long start = System.nanoTime();
        ppo.addListener(update -> {
            if (reachedSteps[0] < 0 && update.rollout().episodeRewardMean() >= TARGET_RETURN) {
                reachedSteps[0] = update.rollout().totalTimesteps();
                reachedSeconds[0] = (System.nanoTime() - start) / 1e9;
                if (stopAtTarget) ppo.requestStop();
            }
        });
        ppo.learn(maxSteps);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(round, seed, reachedSteps[0], reachedSeconds[0], ppo.numTimesteps(), seconds);
    }

    /** The median; NaN for no values. */
    static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
