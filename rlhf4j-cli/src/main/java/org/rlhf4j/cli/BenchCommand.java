package org.rlhf4j.cli;

import java.util.concurrent.Callable;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.bench.MatmulPeak;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.bench.LmBenchmark;
import org.rlhf4j.lm.bench.MemoryBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed and memory (results go in BENCHMARKS.md).",
        subcommands = {BenchCommand.Lm.class, BenchCommand.Memory.class, BenchCommand.Reward.class})
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

    @Command(name = "memory", mixinStandardHelpOptions = true, description = "Resident memory over many training steps and generation calls (must stay flat).")
    static final class Memory implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--warmup", defaultValue = "500") int warmup;
        @Option(names = "--train-steps", defaultValue = "1500") int trainSteps;
        @Option(names = "--generate-calls", defaultValue = "1000") int generateCalls;

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
            System.out.printf("reward-model training: RSS %.1f MB after %d warm-up steps, %.1f MB after %d more: growth %+.1f MB (readings every 100 steps: %.1f-%.1f MB)%n",
                    r.afterWarmupMb(), warmup, r.afterMb(), trainSteps, r.growthMb(), r.minMb(), r.maxMb());
            return 0;
        }
    }
}
