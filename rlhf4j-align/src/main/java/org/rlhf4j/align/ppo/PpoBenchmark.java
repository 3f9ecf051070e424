package org.rlhf4j.align.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ValueHead;
import org.rlhf4j.core.rl.KlPenalty;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.bench.LmBenchmark;
import org.rlhf4j.lm.bench.MemoryBenchmark;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.reward.RewardModel;
import org.rlhf4j.reward.RewardScorer;

/**
 * Where a PPO step's time goes, on random weights of a given shape: rollout (sampling with the KV
 * cache), scoring with a reward model of the same shape, the forward pass (policy and reference
 * log-probs and values) and the update; each as a share of the step, in tokens/s, and, for the
 * passes that run matmuls, in GFLOP/s to compare with the machine's matmul rate measured in the
 * same process. With random weights EOS comes about once in {@code vocab} tokens, so replies run
 * nearly to full length and every step does about the same work; tokens are counted as sampled.
 */
public final class PpoBenchmark {
    private final ComputeDevice device;

    public PpoBenchmark(ComputeDevice device) {
        this.device = device;
    }

    /** Seconds per step in each phase, and the token counts behind them. */
    public record Result(int steps, double rolloutSeconds, double scoreSeconds, double forwardSeconds, double optimizeSeconds,
                         long responseTokens, long sequenceTokens, int ppoEpochs, double trainFlopsPerToken) {
        public double totalSeconds() {
            return rolloutSeconds + scoreSeconds + forwardSeconds + optimizeSeconds;
        }

        public double rolloutTokensPerSecond() {
            return responseTokens / rolloutSeconds;
        }

        /** Sequence tokens through the reward model per second. */
        public double scoreTokensPerSecond() {
            return sequenceTokens / scoreSeconds;
        }

        /** Sequence tokens through the policy and the reference (forward only) per second. */
        public double forwardTokensPerSecond() {
            return 2.0 * sequenceTokens / forwardSeconds;
        }

        /** Sequence tokens trained per second (forward and backward, over every epoch). */
        public double trainTokensPerSecond() {
            return (double) sequenceTokens * ppoEpochs / optimizeSeconds;
        }

        public double forwardGflops() {
            return forwardTokensPerSecond() * trainFlopsPerToken / 3 / 1e9;
        }

        public double trainGflops() {
            return trainTokensPerSecond() * trainFlopsPerToken / 1e9;
        }
    }

    /** A PpoConfig for the benchmark: the defaults with a fixed response length and the given batch. */
    public static PpoConfig config(int batch, int miniBatch, int responseTokens, Precision precision) {
        PpoConfig d = PpoConfig.defaults();
        return new PpoConfig(d.learningRate(), batch, miniBatch, 1, d.ppoEpochs(), d.gamma(), d.lam(), d.cliprange(), d.cliprangeValue(), d.vfCoef(), d.entCoef(), d.valueHeadOnly(),
                d.adapKlCtrl(), d.initKlCoef(), KlPenalty.Estimator.KL, d.target(), d.horizon(), false, d.targetKl(), d.maxGradNorm(), false, 0, false, false,
                d.ratioThreshold(), 0, 1.0, responseTokens, responseTokens, d.maxQueryLength(), 1, 0, 0, d.maxNonFiniteInARow(), precision, "support", 1);
    }

    /** {@code warmup} untimed steps, then {@code steps} timed ones, with queries of {@code queryTokens}. */
    public Result run(LlamaConfig shape, PpoConfig config, int queryTokens, int warmup, int steps) {
        try (PolicyModel policy = new PolicyModel(new LlamaModel(shape, device, new SplittableRandom(1)), ValueHead.initialise(shape.hiddenSize(), device, new SplittableRandom(2)));
             PolicyModel reference = new PolicyModel(new LlamaModel(shape, device, new SplittableRandom(1)), null);
             RewardModel rm = RewardModel.initialise(new LlamaModel(shape, device, new SplittableRandom(3)), 1, false, ChatTemplate.named("support"), new SplittableRandom(4));
             PpoTrainer trainer = new PpoTrainer(policy, reference, config)) {
            RewardScorer scorer = new RewardScorer(rm, Precision.BF16, 32);
            SplittableRandom rng = new SplittableRandom(5);
            double rollout = 0, score = 0, forward = 0, optimize = 0;
            long responseTokens = 0, sequenceTokens = 0;
            for (int s = 0; s < warmup + steps; s++) {
                List<int[]> queries = new ArrayList<>();
                for (int i = 0; i < config.batchSize(); i++) queries.add(tokens(queryTokens, shape.vocabSize(), rng));
                long t0 = System.nanoTime();
                List<int[]> responses = trainer.generate(queries, config.maxNewTokens(), s);
                long t1 = System.nanoTime();
                List<int[]> sequences = new ArrayList<>();
                for (int i = 0; i < queries.size(); i++) sequences.add(concat(queries.get(i), responses.get(i)));
                double[] scores = RewardScorer.headMeans(scorer.score(sequences));
                long t2 = System.nanoTime();
                PpoStats stats = trainer.step(queries, responses, scores);
                if (s < warmup) continue;
                rollout += (t1 - t0) / 1e9;
                score += (t2 - t1) / 1e9;
                forward += stats.forwardSeconds();
                optimize += stats.optimizeSeconds();
                for (int i = 0; i < queries.size(); i++) {
                    responseTokens += responses.get(i).length;
                    sequenceTokens += sequences.get(i).length;
                }
            }
            double flops = LmBenchmark.trainingFlopsPerToken(shape, queryTokens + config.maxNewTokens());
            return new Result(steps, rollout / steps, score / steps, forward / steps, optimize / steps, responseTokens / steps, sequenceTokens / steps,
                    config.ppoEpochs(), flops);
        }
    }

    /** Resident memory over {@code steps} PPO steps after {@code warmup}, on the small benchmark shape with short replies. */
    public MemoryBenchmark.Result memory(int warmup, int steps) {
        LlamaConfig shape = MemoryBenchmark.config();
        PpoConfig config = config(8, 4, 16, Precision.BF16);
        try (PolicyModel policy = new PolicyModel(new LlamaModel(shape, device, new SplittableRandom(1)), ValueHead.initialise(shape.hiddenSize(), device, new SplittableRandom(2)));
             PolicyModel reference = new PolicyModel(new LlamaModel(shape, device, new SplittableRandom(1)), null);
             PpoTrainer trainer = new PpoTrainer(policy, reference, config)) {
            SplittableRandom rng = new SplittableRandom(6);
            MemoryBenchmark.Readings rss = new MemoryBenchmark.Readings();
            for (int s = 0; s < warmup + steps; s++) {
                if (s >= warmup && (s - warmup) % 20 == 0) rss.take();
                List<int[]> queries = new ArrayList<>();
                for (int i = 0; i < config.batchSize(); i++) queries.add(tokens(1 + rng.nextInt(12), shape.vocabSize(), rng));
                List<int[]> responses = trainer.generate(queries, config.maxNewTokens(), s);
                double[] scores = new double[responses.size()];
                for (int i = 0; i < scores.length; i++) scores[i] = rng.nextGaussian();
                trainer.step(queries, responses, scores);
            }
            rss.take();
            return rss.result();
        }
    }

    private static int[] tokens(int n, int vocab, SplittableRandom rng) {
        int[] t = new int[n];
        t[0] = 1;
        for (int i = 1; i < n; i++) t[i] = 3 + rng.nextInt(vocab - 3);
        return t;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
