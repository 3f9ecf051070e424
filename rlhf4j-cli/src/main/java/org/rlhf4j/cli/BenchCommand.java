package org.rlhf4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.control.env.SteppingBenchmark;
import org.rlhf4j.control.nn.Mlp;
import org.rlhf4j.control.ppo.PpoCartPoleBenchmark;
import org.rlhf4j.control.ppo.PpoCartPoleBenchmark.Summary;
import org.rlhf4j.core.bench.MatmulPeak;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.bench.LmBenchmark;
import org.rlhf4j.lm.bench.MemoryBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed and memory (results go in BENCHMARKS.md).",
        subcommands = {BenchCommand.Lm.class, BenchCommand.Memory.class, BenchCommand.Reward.class, BenchCommand.Ppo.class, BenchCommand.Grpo.class, BenchCommand.Dpo.class, BenchCommand.Control.class})
final class BenchCommand {

    @Command(name = "lm", mixinStandardHelpOptions = true, description = "Training throughput vs the machine's matmul rate; decoding with and without the KV cache.")
    static final class Lm implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--steps", defaultValue = "10", description = "Timed training steps per precision (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--skip-uncached", description = "Skip the slow no-cache decoding baseline.")
        boolean skipUncached;

        @Override
        public Integer call() {
            var device = engine.start();
            var bench = new LmBenchmark(device);
            var c = LmBenchmark.trainingConfig();
            System.out.printf("threads %d, device %s%n", Engine.threads(), device);
            double fp32 = MatmulPeak.gflops(1024, torch.ScalarType.Float, 3);
            double bf16 = MatmulPeak.gflops(1024, torch.ScalarType.BFloat16, 3);
            System.out.printf("matmul 1024^3: fp32 %.1f GFLOP/s, bf16 %.1f GFLOP/s%n", fp32, bf16);
            System.out.printf("training: %d layers, d_model %d, %d heads, context 128, vocab %d, batch 16 (%.1f MFLOP/token, PaLM convention)%n",
                    c.numHiddenLayers(), c.hiddenSize(), c.numAttentionHeads(), c.vocabSize(), LmBenchmark.trainingFlopsPerToken(c, 128) / 1e6);
            for (Precision p : Precision.values()) {
                var r = bench.training(c, 16, 128, p, 3, steps);
                System.out.printf("  %-4s %,8.0f tokens/s  %6.1f GFLOP/s  = %.2f x fp32 matmul rate%n", p, r.tokensPerSecond(), r.gflops(), r.gflops() / fp32);
            }
            var small = LmBenchmark.smallConfig();
            var d1 = bench.decoding(small, 1, 16, 128, !skipUncached, 3);
            System.out.printf("decoding batch 1 (4 layers, d_model 128, 4 heads), 128 new tokens: %,.0f tokens/s cached, %,.0f uncached (%.1fx)%n",
                    d1.cachedTokensPerSecond(), d1.uncachedTokensPerSecond(), d1.speedup());
            var d1b = bench.decoding(c, 1, 16, 128, false, 2);
            System.out.printf("decoding batch 1 (training config), 128 new tokens: %,.0f tokens/s cached%n", d1b.cachedTokensPerSecond());
            var d16 = bench.decoding(c, 16, 16, 128, !skipUncached, 2);
            System.out.printf("decoding batch 16 (training config), 128 new tokens: %,.0f tokens/s cached, %,.0f uncached (%.1fx)%n",
                    d16.cachedTokensPerSecond(), d16.uncachedTokensPerSecond(), d16.speedup());
            return 0;
        }
    }

    @Command(name = "reward", mixinStandardHelpOptions = true,
            description = "Reward-model training and scoring pairs/s: the embedded model's shape (4 layers, d_model 192, vocab 4096), 128-token responses, 16 pairs per step.")
    static final class Reward implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--steps", defaultValue = "20", description = "Timed training steps per repetition (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--tokens", defaultValue = "128", description = "Tokens per prompt + response (default: ${DEFAULT-VALUE}).")
        int tokens;

        @Override
        public Integer call() {
            var device = engine.start();
            var shape = org.rlhf4j.lm.pretrain.ModelShape.embedded();
            var config = shape.toConfig(4096, 1, 2, 0);
            System.out.printf("threads %d, device %s; reward model: %d layers, d_model %d, vocab 4096; %d tokens per sequence, 16 pairs per step%n",
                    Engine.threads(), device, shape.layers(), shape.hiddenSize(), tokens);
            for (Precision p : Precision.values()) {
                var r = new org.rlhf4j.reward.bench.RewardBenchmark(device).run(config, tokens, 16, p, steps);
                System.out.printf("  %-4s training %,7.1f pairs/s (%,.0f tokens/s)   scoring %,8.1f pairs/s (%,.0f tokens/s)%n", p,
                        r.trainingPairsPerSecond(), r.trainingPairsPerSecond() * 2 * tokens, r.scoringPairsPerSecond(), r.scoringPairsPerSecond() * 2 * tokens);
            }
            return 0;
        }
    }

    @Command(name = "dpo", mixinStandardHelpOptions = true,
            description = "DPO's speed on the embedded model's shape with random weights: pairs/s of the training step and of the reference pass, "
                    + "against the same run's matmul rate.")
    static final class Dpo implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--steps", defaultValue = "5", description = "Timed steps (default: ${DEFAULT-VALUE}).") int steps;
        @Option(names = "--pairs", defaultValue = "16", description = "Pairs per step (default: ${DEFAULT-VALUE}, DpoConfig's per_device_train_batch_size).") int pairs;
        @Option(names = "--prompt-tokens", defaultValue = "40", description = "Tokens per prompt (default: ${DEFAULT-VALUE}).") int promptTokens;
        @Option(names = "--reply-tokens", defaultValue = "64", description = "Tokens per reply (default: ${DEFAULT-VALUE}).") int replyTokens;

        @Override
        public Integer call() {
            var device = engine.start();
            var shape = org.rlhf4j.lm.pretrain.ModelShape.embedded().toConfig(4096, 1, 2, 0);
            double fp32 = MatmulPeak.gflops(1024, torch.ScalarType.Float, 3);
            double bf16 = MatmulPeak.gflops(1024, torch.ScalarType.BFloat16, 3);
            System.out.printf("threads %d, device %s; matmul 1024^3: fp32 %.1f GFLOP/s, bf16 %.1f GFLOP/s%n", Engine.threads(), device, fp32, bf16);
            var r = new org.rlhf4j.align.dpo.DpoBenchmark(device).run(shape, pairs, promptTokens, replyTokens, Precision.BF16, 1, steps);
            System.out.printf("DPO step (embedded shape, %d pairs of %d + 2 x %d tokens, bf16 training): %.3f s, %,.1f pairs/s, %6.1f GFLOP/s = %.3f x bf16 matmul rate%n",
                    pairs, promptTokens, replyTokens, r.stepSeconds(), r.pairsPerSecond(), r.trainGflops(), r.trainGflops() / bf16);
            System.out.printf("reference pass (once per run, cached): %,.1f pairs/s, %6.1f GFLOP/s = %.3f x bf16 matmul rate%n",
                    r.referencePairsPerSecond(), r.referenceGflops(), r.referenceGflops() / bf16);
            return 0;
        }
    }

    @Command(name = "ppo", mixinStandardHelpOptions = true,
            description = "Where a PPO step's time goes (rollout, reward scoring, forward pass, update) on the embedded model's shape with random weights, "
                    + "against the same run's matmul rate and batch decoding.")
    static final class Ppo implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--steps", defaultValue = "5", description = "Timed PPO steps (default: ${DEFAULT-VALUE}).") int steps;
        @Option(names = "--batch", defaultValue = "16", description = "Prompts per step (default: ${DEFAULT-VALUE}).") int batch;
        @Option(names = "--response-tokens", defaultValue = "96", description = "New tokens per reply (default: ${DEFAULT-VALUE}).") int responseTokens;
        @Option(names = "--query-tokens", defaultValue = "40", description = "Tokens per prompt (default: ${DEFAULT-VALUE}).") int queryTokens;

        @Override
        public Integer call() {
            var device = engine.start();
            var shape = org.rlhf4j.lm.pretrain.ModelShape.embedded().toConfig(4096, 1, 2, 0);
            double fp32 = MatmulPeak.gflops(1024, torch.ScalarType.Float, 3);
            double bf16 = MatmulPeak.gflops(1024, torch.ScalarType.BFloat16, 3);
            System.out.printf("threads %d, device %s; matmul 1024^3: fp32 %.1f GFLOP/s, bf16 %.1f GFLOP/s%n", Engine.threads(), device, fp32, bf16);
            var decode = new LmBenchmark(device).decoding(shape, batch, queryTokens, responseTokens, false, 2);
            System.out.printf("batch decoding (bench lm's path), batch %d, %d new tokens: %,.0f tokens/s%n", batch, responseTokens, decode.cachedTokensPerSecond());
            var config = org.rlhf4j.align.ppo.PpoBenchmark.config(batch, Math.max(1, batch / 2), responseTokens, Precision.BF16);
            var r = new org.rlhf4j.align.ppo.PpoBenchmark(device).run(shape, config, queryTokens, 1, steps);
            System.out.printf("PPO step (embedded shape, batch %d, %d + %d tokens, %d epochs, bf16 training): %.2f s%n", batch, queryTokens, responseTokens, config.ppoEpochs(), r.totalSeconds());
            System.out.printf("  rollout       %5.1f%%  %,8.0f tokens/s (%.2f x batch decoding)%n", 100 * r.rolloutSeconds() / r.totalSeconds(), r.rolloutTokensPerSecond(),
                    r.rolloutTokensPerSecond() / decode.cachedTokensPerSecond());
            System.out.printf("  reward score  %5.1f%%  %,8.0f tokens/s%n", 100 * r.scoreSeconds() / r.totalSeconds(), r.scoreTokensPerSecond());
            System.out.printf("  forward pass  %5.1f%%  %,8.0f tokens/s  %6.1f GFLOP/s = %.2f x bf16 matmul rate%n", 100 * r.forwardSeconds() / r.totalSeconds(),
                    r.forwardTokensPerSecond(), r.forwardGflops(), r.forwardGflops() / bf16);
            System.out.printf("  update        %5.1f%%  %,8.0f tokens/s  %6.1f GFLOP/s = %.2f x bf16 matmul rate%n", 100 * r.optimizeSeconds() / r.totalSeconds(),
                    r.trainTokensPerSecond(), r.trainGflops(), r.trainGflops() / bf16);
            return 0;
        }
    }

    @Command(name = "grpo", mixinStandardHelpOptions = true,
            description = "Where a GRPO step's time goes (rollout of G replies per prompt, reward scoring, forward pass, update) on the embedded model's shape with "
                    + "random weights; samples/s, and the passes' GFLOP/s against the same run's matmul rate.")
    static final class Grpo implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--steps", defaultValue = "3", description = "Timed GRPO steps (default: ${DEFAULT-VALUE}).") int steps;
        @Option(names = "--prompts", defaultValue = "8", description = "Prompts per step (default: ${DEFAULT-VALUE}).") int prompts;
        @Option(names = "--num-generations", defaultValue = "8", description = "Replies per prompt, G (default: ${DEFAULT-VALUE}).") int generations;
        @Option(names = "--micro-batch", defaultValue = "16", description = "Replies per micro-batch and update (default: ${DEFAULT-VALUE}).") int microBatch;
        @Option(names = "--response-tokens", defaultValue = "96", description = "New tokens per reply (default: ${DEFAULT-VALUE}).") int responseTokens;
        @Option(names = "--query-tokens", defaultValue = "40", description = "Tokens per prompt (default: ${DEFAULT-VALUE}).") int queryTokens;

        @Override
        public Integer call() {
            var device = engine.start();
            var shape = org.rlhf4j.lm.pretrain.ModelShape.embedded().toConfig(4096, 1, 2, 0);
            double fp32 = MatmulPeak.gflops(1024, torch.ScalarType.Float, 3);
            double bf16 = MatmulPeak.gflops(1024, torch.ScalarType.BFloat16, 3);
            System.out.printf("threads %d, device %s; matmul 1024^3: fp32 %.1f GFLOP/s, bf16 %.1f GFLOP/s%n", Engine.threads(), device, fp32, bf16);
            var config = org.rlhf4j.align.grpo.GrpoBenchmark.config(prompts, generations, microBatch, responseTokens, Precision.BF16);
            var r = new org.rlhf4j.align.grpo.GrpoBenchmark(device).run(shape, config, queryTokens, 1, steps);
            System.out.printf("GRPO step (embedded shape, %d prompts x %d replies, %d + %d tokens, %d updates, bf16 training): %.2f s, %.1f samples/s "
                            + "(%.1f GFLOP/s over the whole step = %.3f x bf16 matmul rate)%n", prompts, generations, queryTokens, responseTokens, config.updatesPerIteration(),
                    r.totalSeconds(), r.samplesPerSecond(), r.stepGflops(), r.stepGflops() / bf16);
            System.out.printf("  rollout       %5.1f%%  %,8.0f tokens/s%n", 100 * r.rolloutSeconds() / r.totalSeconds(), r.rolloutTokensPerSecond());
            System.out.printf("  reward score  %5.1f%%%n", 100 * r.scoreSeconds() / r.totalSeconds());
            System.out.printf("  forward pass  %5.1f%%  %,8.0f tokens/s  %6.1f GFLOP/s = %.2f x bf16 matmul rate%n", 100 * r.forwardSeconds() / r.totalSeconds(),
                    r.forwardTokensPerSecond(), r.forwardGflops(), r.forwardGflops() / bf16);
            System.out.printf("  update        %5.1f%%  %,8.0f tokens/s  %6.1f GFLOP/s = %.2f x bf16 matmul rate%n", 100 * r.optimizeSeconds() / r.totalSeconds(),
                    r.trainTokensPerSecond(), r.trainGflops(), r.trainGflops() / bf16);
            return 0;
        }
    }

    @Command(name = "memory", mixinStandardHelpOptions = true, description = "Resident memory over many training steps and generation calls (must stay flat).")
    static final class Memory implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--warmup", defaultValue = "500") int warmup;
        @Option(names = "--train-steps", defaultValue = "1500") int trainSteps;
        @Option(names = "--generate-calls", defaultValue = "1000") int generateCalls;
        @Option(names = "--ppo-steps", defaultValue = "200") int ppoSteps;

        @Override
        public Integer call() {
            var device = engine.start();
            var m = new MemoryBenchmark(device);
            var t = m.training(warmup, trainSteps);
            System.out.printf("training: RSS %.1f MB after %d warm-up steps, %.1f MB after %d more: growth %+.1f MB (readings every 100 steps: %.1f-%.1f MB)%n",
                    t.afterWarmupMb(), warmup, t.afterMb(), trainSteps, t.growthMb(), t.minMb(), t.maxMb());
            var g = m.generation(Math.min(warmup, generateCalls / 2), generateCalls);
            System.out.printf("generation: RSS %.1f MB after warm-up, %.1f MB after %d calls: growth %+.1f MB (readings every 100 calls: %.1f-%.1f MB)%n",
                    g.afterWarmupMb(), g.afterMb(), generateCalls, g.growthMb(), g.minMb(), g.maxMb());
            var r = new org.rlhf4j.reward.bench.RewardBenchmark(device).memory(warmup, trainSteps);
            var p = new org.rlhf4j.align.ppo.PpoBenchmark(device).memory(Math.min(warmup, 50), ppoSteps);
            System.out.printf("PPO: RSS %.1f MB after %d warm-up steps, %.1f MB after %d more: growth %+.1f MB (readings every 20 steps: %.1f-%.1f MB)%n",
                    p.afterWarmupMb(), Math.min(warmup, 50), p.afterMb(), ppoSteps, p.growthMb(), p.minMb(), p.maxMb());
            System.out.printf("reward-model training: RSS %.1f MB after %d warm-up steps, %.1f MB after %d more: growth %+.1f MB (readings every 100 steps: %.1f-%.1f MB)%n",
                    r.afterWarmupMb(), warmup, r.afterMb(), trainSteps, r.growthMb(), r.minMb(), r.maxMb());
            return 0;
        }
    }

    @Command(name = "control", mixinStandardHelpOptions = true,
            description = {"Classic control against the Python baselines: raw CartPole-v1 stepping (one copy and 8) against Gymnasium's 160,000 steps/s, "
                    + "and PPO with rl-baselines3-zoo's CartPole-v1 settings to a last-100-episode mean return of 475 against stable-baselines3 2.4.1 "
                    + "(about 65k steps, 13 s, 4,900 steps/s).",
                    "Needs --add-modules jdk.incubator.vector for the Vector API kernels (./rlhf4j adds it); without it PPO runs on the slower scalar loops."})
    static final class Control implements Callable<Integer> {
        private static final PpoCartPoleBenchmark.Settings DEFAULTS = PpoCartPoleBenchmark.Settings.defaults();
        private static final int COPIES = 8;

        @Option(names = "--seeds", split = ",", paramLabel = "S", description = "PPO seeds (default: ${DEFAULT-VALUE}).")
        List<Long> seeds = DEFAULTS.seeds();

        @Option(names = "--rounds", paramLabel = "N", description = "Passes over the seeds in this JVM; round 1 includes the JIT warm-up (default: ${DEFAULT-VALUE}).")
        int rounds = DEFAULTS.rounds();

        @Option(names = "--max-steps", paramLabel = "N",
                description = "Steps at most per PPO run; also the length of the linear schedules, as SB3's total_timesteps (default: ${DEFAULT-VALUE}, the zoo's).")
        long maxSteps = DEFAULTS.maxSteps();

        @Option(names = "--stepping-seconds", paramLabel = "S", description = "Warm-up, then measurement, of each stepping figure (default: ${DEFAULT-VALUE}).")
        double steppingSeconds = SteppingBenchmark.DEFAULT_SECONDS;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to FILE as JSON.")
        Path json;

        /** What --json writes. */
        record Results(String date, String java, int cores, double loadAverage, String mlpKernels, SteppingBenchmark.Result stepping,
                       double gymnasiumReferenceStepsPerSecond, double gymnasium140UnwrappedStepsPerSecond, PpoCartPoleBenchmark.Settings ppoSettings,
                       List<PpoCartPoleBenchmark.Run> ppoRuns, Summary ppoFirstRound, Summary ppoLaterRounds, long sb3StepsTo475, double sb3SecondsTo475,
                       double sb3StepsPerSecond) {}

        @Override
        public Integer call() throws IOException {
            var settings = new PpoCartPoleBenchmark.Settings(rounds, seeds, maxSteps, DEFAULTS.stopAtTarget());
            String kernels = Mlp.autoBackend();
            if (kernels.equals("scalar")) {
                System.err.println("rlhf4j: warning: the JDK Vector API is not loaded (java --add-modules jdk.incubator.vector; ./rlhf4j adds it): "
                        + "the PPO figures come from the scalar fallback kernels and understate rlhf4j's speed.");
            }
            double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(Locale.ROOT, "Java %s, %d cores, load average %.2f, MLP kernels %s%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    loadAverage, kernels.equals("scalar") ? "scalar (fallback: no Vector API)" : kernels);

            System.err.printf(Locale.ROOT, "measuring CartPole-v1 stepping (%.1f s)...%n", 4 * steppingSeconds);
            var stepping = SteppingBenchmark.measure("CartPole-v1", COPIES, steppingSeconds, steppingSeconds);
            printStepping(stepping);

            System.err.printf(Locale.ROOT, "PPO: rounds %d, seeds %s...%n", settings.rounds(), settings.seeds());
            var runs = PpoCartPoleBenchmark.run(settings, run -> System.err.println("  " + run.describe()));
            Summary cold = Summary.firstRound(runs), warm = Summary.laterRounds(runs);
            printPpo(settings, runs, cold, warm);

            if (json != null) {
                var results = new Results(LocalDate.now().toString(), Runtime.version().toString(), Runtime.getRuntime().availableProcessors(), loadAverage,
                        kernels, stepping, SteppingBenchmark.GYMNASIUM_REFERENCE_STEPS_PER_SECOND, SteppingBenchmark.GYMNASIUM_1_4_UNWRAPPED_STEPS_PER_SECOND,
                        settings, runs, cold, warm, PpoCartPoleBenchmark.SB3_STEPS_TO_TARGET, PpoCartPoleBenchmark.SB3_SECONDS_TO_TARGET,
                        PpoCartPoleBenchmark.SB3_STEPS_PER_SECOND);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
                System.out.println("results: " + json.toAbsolutePath());
            }
            return 0;
        }

        private static void printStepping(SteppingBenchmark.Result r) {
            double reference = SteppingBenchmark.GYMNASIUM_REFERENCE_STEPS_PER_SECOND, gymnasium = SteppingBenchmark.GYMNASIUM_1_4_UNWRAPPED_STEPS_PER_SECOND;
            System.out.printf(Locale.ROOT, "%nCartPole-v1 raw stepping, random actions, resets included%n");
            System.out.printf(Locale.ROOT, "  %-10s %14s %12s %18s%n", "envs", "steps/s", "x 160k ref", "x Gymnasium 92k");
            for (var row : List.of(Map.entry("1", r.singleStepsPerSecond()), Map.entry(r.copies() + " copies", r.vectorStepsPerSecond()))) {
                System.out.printf(Locale.ROOT, "  %-10s %,14.0f %11.1fx %17.1fx%n", row.getKey(), row.getValue(), row.getValue() / reference, row.getValue() / gymnasium);
            }
            System.out.printf(Locale.ROOT, "  160k: Gymnasium's raw stepping on this kind of machine, the reference (goal: 10x); "
                    + "92k: Gymnasium 1.4.0, unwrapped, measured on rlhf4j's development machine (BENCHMARKS.md).%n");
        }

        private static void printPpo(PpoCartPoleBenchmark.Settings settings, List<PpoCartPoleBenchmark.Run> runs, Summary cold, Summary warm) {
            System.out.printf(Locale.ROOT, "%nPPO, rl-baselines3-zoo CartPole-v1 settings, to a last-100-episode mean return >= 475 (at most %,d steps)%n",
                    settings.maxSteps());
            System.out.printf(Locale.ROOT, "  %-22s %7s %13s %8s %9s%n", "run", "at 475", "steps to 475", "seconds", "steps/s");
            for (var run : runs) {
                System.out.printf(Locale.ROOT, "  %-22s %7s %13s %8s %,9.0f%n", "round " + run.round() + " seed " + run.seed(), run.reachedTarget() ? "yes" : "no",
                        run.reachedTarget() ? String.format(Locale.ROOT, "%,d", run.stepsToTarget()) : "-",
                        run.reachedTarget() ? String.format(Locale.ROOT, "%.2f", run.secondsToTarget()) : "-", run.stepsPerSecond());
            }
            printSummary("median, round 1 (cold)", cold);
            if (warm.runs() > 0) printSummary("median, rounds 2-" + settings.rounds(), warm);
            System.out.printf(Locale.ROOT, "  against stable-baselines3 2.4.1 (%,d steps and %.0f s to 475, %,.0f steps/s); round 1 includes the JIT's warm-up, later rounds run warm%n",
                    PpoCartPoleBenchmark.SB3_STEPS_TO_TARGET, PpoCartPoleBenchmark.SB3_SECONDS_TO_TARGET, PpoCartPoleBenchmark.SB3_STEPS_PER_SECOND);
        }

        private static void printSummary(String label, Summary s) {
            boolean reached = s.reachedTarget() > 0;
            String ratios = reached
                    ? String.format(Locale.ROOT, "%.2fx SB3's steps, %.1fx faster, %.1fx SB3's steps/s", s.stepsRelativeToSb3(), s.speedupOverSb3(), s.throughputOverSb3())
                    : String.format(Locale.ROOT, "%.1fx SB3's steps/s", s.throughputOverSb3());
            System.out.printf(Locale.ROOT, "  %-22s %7s %13s %8s %,9.0f   %s%n", label, s.reachedTarget() + "/" + s.runs(),
                    reached ? String.format(Locale.ROOT, "%,.0f", s.medianStepsToTarget()) : "-",
                    reached ? String.format(Locale.ROOT, "%.2f", s.medianSecondsToTarget()) : "-", s.medianStepsPerSecond(), ratios);
        }
    }
}
