package org.rlhf4j.lm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.sampling.Sampler;
import org.rlhf4j.lm.sampling.SamplingConfig;
import org.rlhf4j.lm.train.LmBatch;
import org.rlhf4j.lm.train.LmTrainer;
import org.rlhf4j.lm.train.LmTrainingConfig;

/**
 * The measurements behind {@code rlhf4j bench lm}: training throughput against the machine's
 * matmul rate, and decoding speed with and without the KV cache. Random weights and tokens:
 * speed does not depend on what the model knows.
 */
public final class LmBenchmark {
    private final ComputeDevice device;

    public LmBenchmark(ComputeDevice device) {
        this.device = device;
    }

    /** The training configuration the issue states: 6 layers, d 256, 8 heads, context 128, vocab 4096. */
    public static LlamaConfig trainingConfig() {
        return new LlamaConfig(4096, 256, 688, 6, 8, 8, 256, 1e-5, 10000.0, false, 1, 2, 0);
    }

    /** The small decoding configuration: 4 layers, d 128, 4 heads. */
    public static LlamaConfig smallConfig() {
        return new LlamaConfig(4096, 128, 344, 4, 4, 4, 512, 1e-5, 10000.0, false, 1, 2, 0);
    }

    /**
     * Training FLOPs per token in the PaLM convention (Chowdhery et al. 2022, appendix B):
     * 6 N for the N parameters in matmuls (forward 2, backward 4) plus 12 L d T for attention scores.
     */
    public static double trainingFlopsPerToken(LlamaConfig c, int contextLength) {
        long d = c.hiddenSize(), kv = (long) c.numKeyValueHeads() * c.headDim();
        double matmulParams = c.numHiddenLayers() * (2.0 * d * d + 2.0 * d * kv + 3.0 * d * c.intermediateSize()) + (double) d * c.vocabSize();
        return 6 * matmulParams + 12.0 * c.numHiddenLayers() * d * contextLength;
    }

    public record TrainingResult(Precision precision, double tokensPerSecond, double gflops) {}

    /** Tokens/s over {@code steps} timed optimizer steps after {@code warmup} untimed ones. */
    public TrainingResult training(LlamaConfig c, int batch, int context, Precision precision, int warmup, int steps) {
        try (LlamaModel model = new LlamaModel(c, device, new SplittableRandom(1))) {
            SplittableRandom rng = new SplittableRandom(2);
            LmTrainingConfig cfg = new LmTrainingConfig(batch, context, warmup + steps, 1, new AdamWConfig(1e-4, 0.9, 0.95, 1e-8, 0.1),
                    0, 1.0, 1.0, 0, 1, 5, precision, 1);
            long[] timing = new long[2];
            try (LmTrainer trainer = new LmTrainer(model, cfg, List.of(new org.rlhf4j.lm.train.TrainingListener() {
                @Override
                public void onStep(StepReport r) {
                    if (r.step() == warmup) timing[0] = System.nanoTime();
                    if (r.step() == warmup + steps) timing[1] = System.nanoTime();
                }
            }))) {
                trainer.train(() -> randomBatch(c.vocabSize(), batch, context, rng), List.of());
            }
            double tps = (double) steps * batch * context / ((timing[1] - timing[0]) / 1e9);
            return new TrainingResult(precision, tps, tps * trainingFlopsPerToken(c, context) / 1e9);
        }
    }

    public record DecodeResult(int batch, int newTokens, double cachedTokensPerSecond, double uncachedTokensPerSecond) {
        public double speedup() {
            return cachedTokensPerSecond / uncachedTokensPerSecond;
        }
    }

    /** Generated tokens/s (all rows) for a prompt of {@code promptLength} and {@code newTokens} new tokens. */
    public DecodeResult decoding(LlamaConfig c, int batch, int promptLength, int newTokens, boolean measureUncached, int repeats) {
        try (LlamaModel model = new LlamaModel(c, device, new SplittableRandom(3))) {
            SplittableRandom rng = new SplittableRandom(4);
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < batch; i++) prompts.add(randomTokens(c.vocabSize(), promptLength, rng));
            Sampler sampler = new Sampler(model, Precision.FP32);
            SamplingConfig sampling = new SamplingConfig(newTokens, 1.0, 0, 1.0, false, 5);
            sampler.generate(prompts, sampling.withMaxNewTokens(8)); // warm-up
            double best = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                sampler.generate(prompts, sampling);
                best = Math.max(best, (double) batch * newTokens / ((System.nanoTime() - t0) / 1e9));
            }
            double uncached = measureUncached ? uncached(model, prompts, newTokens) : Double.NaN;
            return new DecodeResult(batch, newTokens, best, uncached);
        }
    }

    /** The baseline without a cache: every new token re-runs the whole sequence (greedy, batch rows unpadded). */
    private static double uncached(LlamaModel model, List<int[]> prompts, int newTokens) {
        int b = prompts.size(), p = prompts.get(0).length;
        long t0 = System.nanoTime();
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            int[] flat = new int[b * p];
            for (int i = 0; i < b; i++) System.arraycopy(prompts.get(i), 0, flat, i * p, p);
            Tensor ids = Scope.keep(TensorData.ids(flat, b, p));
            LlamaModel.FusedWeights w = model.fuse();
            for (int step = 0; step < newTokens; step++) {
                try (Scope perToken = Scope.open()) {
                    long t = ids.size(1);
                    Tensor pos = torch.arange(new org.bytedeco.pytorch.Scalar(t)).unsqueeze(0).expand(b, t);
                    Tensor next = model.forward(w, ids, pos, null, null, true).logits().argmax(new org.bytedeco.pytorch.LongOptional(-1), false); // (B, 1)
                    Tensor longer = Scope.keep(torch.cat(new org.bytedeco.pytorch.TensorVector(ids, next), 1));
                    Scope.release(ids);
                    ids = longer;
                }
            }
            Scope.release(ids);
        }
        return (double) b * newTokens / ((System.nanoTime() - t0) / 1e9);
    }

    private static LmBatch randomBatch(int vocab, int batch, int context, SplittableRandom rng) {
        int[][] rows = new int[batch][];
        for (int i = 0; i < batch; i++) rows[i] = randomTokens(vocab, context + 1, rng);
        return LmBatch.fromSequences(rows, null);
    }

    private static int[] randomTokens(int vocab, int n, SplittableRandom rng) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = 3 + rng.nextInt(vocab - 3);
        return t;
    }
}
