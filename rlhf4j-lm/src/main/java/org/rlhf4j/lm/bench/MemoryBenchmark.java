package org.rlhf4j.lm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.sampling.Sampler;
import org.rlhf4j.lm.sampling.SamplingConfig;
import org.rlhf4j.lm.train.LmBatch;
import org.rlhf4j.lm.train.LmTrainer;
import org.rlhf4j.lm.train.LmTrainingConfig;
import org.rlhf4j.lm.train.TrainingListener;

/**
 * Proves that native memory stays flat: resident set size (from /proc/self/status) after a
 * warm-up, then sampled through many more training steps or generation calls. Native tensors are
 * invisible to the Java GC, so a missed scope shows up here as steady growth. Each reading
 * follows a full GC so that the Java heap's own expansion is not mistaken for a native leak; the
 * allocator's fragmentation still moves RSS up and down by some MB, which the range reports.
 */
public final class MemoryBenchmark {
    private final ComputeDevice device;

    public MemoryBenchmark(ComputeDevice device) {
        this.device = device;
    }

    /** RSS after the warm-up, at the end, and the lowest and highest reading in between. */
    public record Result(double afterWarmupMb, double afterMb, double minMb, double maxMb) {
        public double growthMb() {
            return afterMb - afterWarmupMb;
        }
    }

    /** Readings of RSS (after a full GC) through the measured window; other modules' benchmarks use them too. */
    public static final class Readings {
        private final List<Double> values = new ArrayList<>();

        public void take() {
            System.gc();
            values.add(residentMb());
        }

        public Result result() {
            double min = Double.MAX_VALUE, max = 0;
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new Result(values.get(0), values.get(values.size() - 1), min, max);
        }
    }

    /** A small model (the batch-1 decoding config) so thousands of steps take about a minute. */
    public static LlamaConfig config() {
        return new LlamaConfig(4096, 128, 344, 4, 4, 2, 256, 1e-5, 10000.0, true, 1, 2, 0);
    }

    public Result training(int warmup, int steps) {
        try (LlamaModel model = new LlamaModel(config(), device, new SplittableRandom(1))) {
            SplittableRandom rng = new SplittableRandom(2);
            Readings rss = new Readings();
            LmTrainingConfig cfg = new LmTrainingConfig(8, 64, warmup + steps, 1, new AdamWConfig(1e-4, 0.9, 0.95, 1e-8, 0.1),
                    10, 0.1, 1.0, 0, 1, 5, Precision.BF16, 1);
            try (LmTrainer trainer = new LmTrainer(model, cfg, List.of(new TrainingListener() {
                @Override
                public void onStep(StepReport r) {
                    if (r.step() >= warmup && (r.step() - warmup) % 100 == 0) rss.take();
                }
            }))) {
                trainer.train(() -> batch(rng), List.of());
            }
            rss.take();
            return rss.result();
        }
    }

    public Result generation(int warmup, int calls) {
        try (LlamaModel model = new LlamaModel(config(), device, new SplittableRandom(3))) {
            Sampler sampler = new Sampler(model, Precision.FP32);
            SplittableRandom rng = new SplittableRandom(4);
            Readings rss = new Readings();
            for (int i = 0; i < warmup + calls; i++) {
                if (i >= warmup && (i - warmup) % 100 == 0) rss.take();
                List<int[]> prompts = new ArrayList<>();
                for (int b = 0; b < 4; b++) prompts.add(tokens(1 + rng.nextInt(12), rng));
                sampler.generate(prompts, new SamplingConfig(16, 1.0, 20, 0.95, true, i));
            }
            rss.take();
            return rss.result();
        }
    }

    private static LmBatch batch(SplittableRandom rng) {
        int[][] rows = new int[8][];
        for (int i = 0; i < rows.length; i++) rows[i] = tokens(65, rng);
        return LmBatch.fromSequences(rows, null);
    }

    private static int[] tokens(int n, SplittableRandom rng) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = 3 + rng.nextInt(4000);
        return t;
    }

    /** VmRSS of this process in MB (Linux); NaN elsewhere. */
    public static double residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
