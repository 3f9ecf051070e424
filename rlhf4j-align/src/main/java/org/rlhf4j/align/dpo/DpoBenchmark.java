package org.rlhf4j.align.dpo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.align.offline.OfflineExample;
import org.rlhf4j.align.offline.OfflineTrainer;
import org.rlhf4j.align.offline.ReferenceLogProbs;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.bench.LmBenchmark;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * DPO's speed on random weights of a given shape: the reference pass that fills the cache, and
 * the training steps (policy forward and backward on chosen and rejected replies, one update),
 * in pairs/s and in GFLOP/s to compare with the matmul rate measured in the same process.
 */
public final class DpoBenchmark {
    private final ComputeDevice device;

    public DpoBenchmark(ComputeDevice device) {
        this.device = device;
    }

    /** Per timed step: seconds of the reference pass over the step's pairs and of the update; pairs and tokens behind them. */
    public record Result(int steps, int pairs, long tokens, double referenceSeconds, double stepSeconds, double trainFlopsPerToken) {
        public double pairsPerSecond() {
            return pairs / stepSeconds;
        }

        public double referencePairsPerSecond() {
            return pairs / referenceSeconds;
        }

        /** Training GFLOP/s: tokens of both replies (prompt included) through forward and backward. */
        public double trainGflops() {
            return tokens / stepSeconds * trainFlopsPerToken / 1e9;
        }

        public double referenceGflops() {
            return tokens / referenceSeconds * trainFlopsPerToken / 3 / 1e9;
        }
    }

    /** {@code warmup} untimed steps, then {@code steps} timed ones, on pairs of {@code promptTokens} + {@code replyTokens} tokens each. */
    public Result run(LlamaConfig shape, int pairsPerStep, int promptTokens, int replyTokens, Precision precision, int warmup, int steps) {
        DpoConfig d = DpoConfig.defaults();
        DpoConfig config = new DpoConfig(d.beta(), "sigmoid", 0, 0, d.simpoGamma(), d.learningRate(), pairsPerStep, 1, 1, 0, promptTokens + replyTokens + 1, promptTokens + 1,
                true, d.maxGradNorm(), 0, 0, d.evalFraction(), "support", precision, 1);
        try (PolicyModel policy = new PolicyModel(new LlamaModel(shape, device, new SplittableRandom(1)), null);
             PolicyModel reference = new PolicyModel(new LlamaModel(shape, device, new SplittableRandom(1)), null);
             OfflineTrainer trainer = new OfflineTrainer(policy, null, new DpoObjective(config), config)) {
            SplittableRandom rng = new SplittableRandom(5);
            double ref = 0, train = 0;
            for (int s = 0; s < warmup + steps; s++) {
                List<OfflineExample> rows = new ArrayList<>();
                for (int i = 0; i < pairsPerStep; i++) {
                    int[] q = tokens(promptTokens, shape.vocabSize(), rng);
                    rows.add(new OfflineExample("b" + i, new int[][] {q, q}, new int[][] {tokens(replyTokens, shape.vocabSize(), rng), tokens(replyTokens, shape.vocabSize(), rng)}, true));
                }
                long t0 = System.nanoTime();
                float[][] sums = ReferenceLogProbs.computeQuietly(reference.model(), precision, 2 * pairsPerStep, rows);
                long t1 = System.nanoTime();
                trainer.step(rows, sums);
                long t2 = System.nanoTime();
                if (s < warmup) continue;
                ref += (t1 - t0) / 1e9;
                train += (t2 - t1) / 1e9;
            }
            double flops = LmBenchmark.trainingFlopsPerToken(shape, promptTokens + replyTokens);
            return new Result(steps, pairsPerStep, 2L * pairsPerStep * (promptTokens + replyTokens), ref / steps, train / steps, flops);
        }
    }

    private static int[] tokens(int n, int vocab, SplittableRandom rng) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = 3 + rng.nextInt(vocab - 3);
        return t;
    }
}
