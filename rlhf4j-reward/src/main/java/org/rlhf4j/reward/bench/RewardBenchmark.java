package org.rlhf4j.reward.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.reward.RewardConfig;
import org.rlhf4j.reward.RewardExample;
import org.rlhf4j.reward.RewardModel;
import org.rlhf4j.reward.RewardScorer;
import org.rlhf4j.reward.RewardTrainer;

/**
 * Reward-model throughput on synthetic comparisons of fixed-length sequences (random token ids:
 * speed does not depend on the text): training pairs per second (forward on both responses,
 * Bradley-Terry loss, backward, AdamW) and scoring pairs per second (no gradients). Each figure is
 * the best of the timed repetitions after warm-up, so background noise inflates nothing.
 */
public final class RewardBenchmark {
    private final ComputeDevice device;

    public RewardBenchmark(ComputeDevice device) {
        this.device = device;
    }

    public record Result(double trainingPairsPerSecond, double scoringPairsPerSecond, int tokensPerSequence) {}

    public Result run(LlamaConfig config, int tokensPerSequence, int batchPairs, Precision precision, int steps) {
        SplittableRandom rng = new SplittableRandom(42);
        try (RewardModel model = RewardModel.initialise(new LlamaModel(config, device, rng), 1, false, ChatTemplate.named("support"), rng)) {
            RewardConfig.Builder b = RewardConfig.defaults().toBuilder();
            b.batchSize = batchPairs;
            b.maxSteps = steps;
            b.epochs = 1000;
            b.warmupSteps = 0;
            b.evalEvery = 0;
            b.precision = precision;
            RewardConfig rc = b.build();
            List<RewardExample> data = comparisons(batchPairs * steps, tokensPerSequence, config.vocabSize(), rng);
            double bestTrain = 0;
            for (int rep = 0; rep < 3; rep++) {
                try (RewardTrainer t = new RewardTrainer(model, rc, List.of())) {
                    var s = t.train(data, List.of());
                    if (rep > 0) bestTrain = Math.max(bestTrain, s.pairs() / s.seconds());   // repetition 0 warms up
                }
            }
            List<int[]> seqs = new ArrayList<>();
            for (RewardExample e : data) seqs.addAll(e.sequences());
            RewardScorer scorer = new RewardScorer(model, precision, 2 * batchPairs);
            double bestScore = 0;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                scorer.score(seqs);
                double pairsPerSecond = data.size() / ((System.nanoTime() - t0) / 1e9);
                if (rep > 0) bestScore = Math.max(bestScore, pairsPerSecond);
            }
            return new Result(bestTrain, bestScore, tokensPerSequence);
        }
    }

    /**
     * Resident memory through many reward-model training steps (the memory benchmark's small
     * model, 64-token responses, 8 pairs per step): native tensors must be freed every step.
     */
    public org.rlhf4j.lm.bench.MemoryBenchmark.Result memory(int warmup, int steps) {
        SplittableRandom rng = new SplittableRandom(7);
        LlamaConfig config = org.rlhf4j.lm.bench.MemoryBenchmark.config();
        try (RewardModel model = RewardModel.initialise(new LlamaModel(config, device, rng), 2, true, ChatTemplate.named("support"), rng)) {
            RewardConfig.Builder b = RewardConfig.defaults().toBuilder();
            b.batchSize = 8;
            b.maxSteps = warmup + steps;
            b.epochs = 1_000_000;
            b.evalEvery = 0;
            var rss = new org.rlhf4j.lm.bench.MemoryBenchmark.Readings();
            RewardTrainer.Listener listener = new RewardTrainer.Listener() {
                @Override
                public void onStep(RewardTrainer.StepReport r) {
                    if (r.step() >= warmup && (r.step() - warmup) % 100 == 0) rss.take();
                }
            };
            try (RewardTrainer t = new RewardTrainer(model, b.build(), List.of(listener))) {
                t.train(comparisons(400, 64, config.vocabSize(), rng), List.of());
            }
            rss.take();
            return rss.result();
        }
    }

    private static List<RewardExample> comparisons(int n, int length, int vocab, SplittableRandom rng) {
        List<RewardExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new RewardExample("b" + i, List.of(sequence(length, vocab, rng), sequence(length, vocab, rng)), new int[] {1, 1},
                    new int[] {0}, new int[] {1}, new float[] {0}, new int[0], new int[0], new int[0], new int[0], null, null));
        }
        return out;
    }

    private static int[] sequence(int length, int vocab, SplittableRandom rng) {
        int[] s = new int[length];
        s[0] = 1;
        for (int i = 1; i < length - 1; i++) s[i] = rng.nextInt(6, vocab);
        s[length - 1] = 2;
        return s;
    }
}
