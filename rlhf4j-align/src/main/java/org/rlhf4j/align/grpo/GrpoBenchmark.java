package org.rlhf4j.align.grpo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.rl.GroupPolicyLoss;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.bench.LmBenchmark;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.reward.RewardModel;
import org.rlhf4j.reward.RewardScorer;

/**
 * Where a GRPO step's time goes, on random weights of a given shape (as PPO's benchmark): rollout
 * of G replies per prompt, scoring with a reward model of the same shape, the forward pass (old
 * and reference log-probs) and the update; samples (replies) per second over the whole step, and
 * the passes that run matmuls in GFLOP/s, to compare with the machine's matmul rate measured in
 * the same process.
 */
public final class GrpoBenchmark {
    private final ComputeDevice device;

    public GrpoBenchmark(ComputeDevice device) {
        this.device = device;
    }

    public record Result(int steps, int samplesPerStep, double rolloutSeconds, double scoreSeconds, double forwardSeconds, double optimizeSeconds,
                         long responseTokens, long sequenceTokens, int passes, double trainFlopsPerToken) {
        public double totalSeconds() {
            return rolloutSeconds + scoreSeconds + forwardSeconds + optimizeSeconds;
        }

        /** Replies sampled, scored and trained on per second of whole steps. */
        public double samplesPerSecond() {
            return samplesPerStep / totalSeconds();
        }

        public double rolloutTokensPerSecond() {
            return responseTokens / rolloutSeconds;
        }

        /** Sequence tokens through the policy and the reference (forward only) per second. */
        public double forwardTokensPerSecond() {
            return 2.0 * sequenceTokens / forwardSeconds;
        }

        /** Sequence tokens trained per second (forward and backward, every iteration). */
        public double trainTokensPerSecond() {
            return (double) sequenceTokens * passes / optimizeSeconds;
        }

        public double forwardGflops() {
            return forwardTokensPerSecond() * trainFlopsPerToken / 3 / 1e9;
        }

        public double trainGflops() {
            return trainTokensPerSecond() * trainFlopsPerToken / 1e9;
        }

        /** Training FLOPs of a whole step (rollout and scoring included in the time) per second. */
        public double stepGflops() {
            return (double) sequenceTokens * (passes + 2.0 / 3) * trainFlopsPerToken / totalSeconds() / 1e9;
        }
    }

    /** The defaults with a fixed reply length, {@code prompts} x {@code g} replies per step in micro-batches of {@code microBatch}, beta > 0 (the reference pass runs). */
    public static GrpoConfig config(int prompts, int g, int microBatch, int responseTokens, Precision precision) {
        GrpoConfig d = GrpoConfig.defaults();
        int replies = prompts * g;
        if (replies % microBatch != 0) throw new IllegalArgumentException("prompts x num_generations (" + replies + ") must be a multiple of the micro-batch (" + microBatch + ")");
        return new GrpoConfig(d.learningRate(), g, microBatch, 1, replies / microBatch, 1, 0.04, d.epsilon(), 0, GroupPolicyLoss.LossType.GRPO, true,
                1.0, d.maxPromptLength(), responseTokens, d.maxGradNorm(), 1, 0, 0, d.maxNonFiniteInARow(), precision, "support", 1);
    }

    /** {@code warmup} untimed steps, then {@code steps} timed ones, with queries of {@code queryTokens}. */
    public Result run(LlamaConfig shape, GrpoConfig config, int queryTokens, int warmup, int steps) {
        try (PolicyModel policy = new PolicyModel(new LlamaModel(shape, device, new SplittableRandom(1)), null);
             PolicyModel reference = new PolicyModel(new LlamaModel(shape, device, new SplittableRandom(1)), null);
             RewardModel rm = RewardModel.initialise(new LlamaModel(shape, device, new SplittableRandom(3)), 1, false, ChatTemplate.named("support"), new SplittableRandom(4));
             GrpoTrainer trainer = new GrpoTrainer(policy, reference, config)) {
            RewardScorer scorer = new RewardScorer(rm, Precision.BF16, 32);
            SplittableRandom rng = new SplittableRandom(5);
            double rollout = 0, score = 0, forward = 0, optimize = 0;
            long responseTokens = 0, sequenceTokens = 0;
            for (int s = 0; s < warmup + steps; s++) {
                List<int[]> queries = new ArrayList<>();
                for (int p = 0; p < config.promptsPerStep(); p++) {
                    int[] q = tokens(queryTokens, shape.vocabSize(), rng);
                    for (int k = 0; k < config.numGenerations(); k++) queries.add(q);
                }
                long t0 = System.nanoTime();
                List<int[]> responses = trainer.generate(queries, config.maxCompletionLength(), s);
                long t1 = System.nanoTime();
                List<int[]> sequences = new ArrayList<>();
                for (int i = 0; i < queries.size(); i++) sequences.add(concat(queries.get(i), responses.get(i)));
                double[] scores = RewardScorer.headMeans(scorer.score(sequences));
                long t2 = System.nanoTime();
                GrpoStats stats = trainer.step(queries, responses, scores);
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
            double flops = LmBenchmark.trainingFlopsPerToken(shape, queryTokens + config.maxCompletionLength());
            return new Result(steps, config.generationBatch(), rollout / steps, score / steps, forward / steps, optimize / steps, responseTokens / steps,
                    sequenceTokens / steps, config.numIterations(), flops);
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
