package org.rlhf4j.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.core.nn.AdamW;
import org.rlhf4j.core.nn.GuardedStep;
import org.rlhf4j.core.nn.NonFiniteGuard;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.train.LearningRateSchedule;

/**
 * The reward-model loop: shuffle examples per epoch, batch, score every sequence once, take the
 * {@link RewardLoss}, guard against non-finite steps, clip, update; evaluate on held-out examples
 * every {@code evalEvery} steps. Frozen layers get no gradients and are left out of the optimizer.
 */
public final class RewardTrainer implements AutoCloseable {
    private final RewardModel model;
    private final RewardConfig config;
    private final List<Listener> listeners;
    private final AdamW optimizer;
    private final NonFiniteGuard guard;
    private final GuardedStep update;
    private final RewardLoss loss;
    private int step;

    /** Receives progress: metrics files and progress bars listen here. */
    public interface Listener {
        default void onStep(StepReport r) {}

        default void onEvaluation(int step, Evaluation e) {}
    }

    /** One optimizer step; {@code accuracy} is the share of pairs the head-mean score ranks right. */
    public record StepReport(int step, int maxSteps, double loss, RewardLoss.Parts parts, double accuracy, double learningRate, double gradNorm,
                             int pairs, double pairsPerSecond, boolean skipped, int skippedTotal) {}

    /** Held-out loss and pairwise accuracy (ties in the data excluded). */
    public record Evaluation(double loss, double accuracy, int pairs) {}

    public record Summary(int steps, int skippedSteps, double lastLoss, Evaluation heldOut, double seconds, long pairs) {}

    public RewardTrainer(RewardModel model, RewardConfig config, List<Listener> listeners) {
        this.model = model;
        this.config = config;
        this.listeners = List.copyOf(listeners);
        this.loss = config.loss();
        Set<String> frozen = Set.copyOf(model.backbone().lowerLayerParameterNames(config.freezeLayers()));
        List<ParameterSet.Entry> trainable = new ArrayList<>();
        for (ParameterSet.Entry e : model.entries()) {
            if (frozen.contains(e.name())) e.tensor().set_requires_grad(false);
            else trainable.add(e);
        }
        this.optimizer = new AdamW(trainable, config.optimizer());
        this.guard = new NonFiniteGuard(config.maxNonFiniteInARow());
        this.update = new GuardedStep(optimizer, guard, config.gradClipNorm());
    }

    public Summary train(List<RewardExample> train, List<RewardExample> heldOut) {
        if (train.isEmpty()) throw new IllegalArgumentException("no training examples");
        int total = config.plannedSteps(train.size());
        LearningRateSchedule schedule = new LearningRateSchedule(config.optimizer().learningRate(), Math.min(config.warmupSteps(), total), total,
                config.minLearningRateRatio());
        SplittableRandom order = new SplittableRandom(config.seed() ^ 0x5EEDL);
        List<float[]> masks = headMasks(train.size(), new SplittableRandom(config.seed() ^ 0xBEEFL));
        long start = System.nanoTime(), pairs = 0;
        double last = Double.NaN;
        Evaluation eval = null;
        int[] perm = new int[0];
        int cursor = 0;
        while (step < total) {
            if (cursor >= perm.length) {
                perm = org.rlhf4j.core.run.Shuffle.permutation(train.size(), order);
                cursor = 0;
            }
            List<RewardExample> batch = new ArrayList<>();
            List<float[]> batchMasks = masks == null ? null : new ArrayList<>();
            for (int i = 0; i < config.batchSize() && cursor < perm.length; i++, cursor++) {
                batch.add(train.get(perm[cursor]));
                if (masks != null) batchMasks.add(masks.get(perm[cursor]));
            }
            long t0 = System.nanoTime();
            double lr = schedule.at(step);
            optimizer.setLearningRate(lr);
            RewardBatch b = RewardBatch.of(batch, model.heads(), batchMasks);
            StepOutcome o = step(b);
            step++;
            pairs += b.pairs();
            last = o.loss;
            var report = new StepReport(step, total, o.loss, o.parts, o.accuracy, lr, o.gradNorm, b.pairs(), b.pairs() / ((System.nanoTime() - t0) / 1e9),
                    o.skipped, guard.skippedTotal());
            for (Listener l : listeners) l.onStep(report);
            if (!heldOut.isEmpty() && (step == total || (config.evalEvery() > 0 && step % config.evalEvery() == 0))) {
                eval = evaluate(heldOut);
                for (Listener l : listeners) l.onEvaluation(step, eval);
            }
        }
        return new Summary(step, guard.skippedTotal(), last, eval, (System.nanoTime() - start) / 1e9, pairs);
    }

    private record StepOutcome(double loss, RewardLoss.Parts parts, double accuracy, double gradNorm, boolean skipped) {}

    private StepOutcome step(RewardBatch b) {
        RewardLoss.Parts[] parts = new RewardLoss.Parts[1];
        float[][] scores = new float[1][];
        GuardedStep.Outcome o = update.apply(step + 1, 1, micro -> {
            try (Precision.Region r = config.precision().enter(model.backbone().device())) {
                Tensor rewards = model.scores(model.backbone().fuse(), sequences(b));
                parts[0] = loss.compute(rewards, b, model.ordinal() ? model.cutPoints() : null);
                scores[0] = TensorData.toFloats(rewards.detach());
                return parts[0].total();
            }
        });
        return new StepOutcome(o.loss(), parts[0], accuracy(b, scores[0], model.heads()), o.gradNorm(), o.skipped());
    }

    /** Loss and accuracy on held-out examples, without gradients and with every head seeing every example. */
    public Evaluation evaluate(List<RewardExample> examples) {
        double sum = 0, weight = 0, correct = 0;
        int pairs = 0;
        for (int from = 0; from < examples.size(); from += config.batchSize()) {
            RewardBatch b = RewardBatch.of(examples.subList(from, Math.min(examples.size(), from + config.batchSize())), model.heads(), null);
            try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard(); Precision.Region r = config.precision().enter(model.backbone().device())) {
                Tensor rewards = model.scores(model.backbone().fuse(), sequences(b));
                double l = TensorData.scalar(loss.compute(rewards, b, model.ordinal() ? model.cutPoints() : null).total());
                int n = b.sequences().size();
                sum += l * n;
                weight += n;
                correct += accuracy(b, TensorData.toFloats(rewards), model.heads()) * b.pairs();
                pairs += b.pairs();
            }
        }
        return new Evaluation(sum / Math.max(1, weight), pairs == 0 ? Double.NaN : correct / pairs, pairs);
    }

    private Sequences sequences(RewardBatch b) {
        return Sequences.pad(b.sequences(), model.backbone().config().padTokenId());
    }

    /** Share of pairs whose better response has the higher head-mean score (an exact tie counts half). */
    static double accuracy(RewardBatch b, float[] scores, int heads) {
        if (b.pairs() == 0) return Double.NaN;
        double correct = 0;
        for (int i = 0; i < b.pairs(); i++) {
            double d = mean(scores, b.pairBetter()[i], heads) - mean(scores, b.pairWorse()[i], heads);
            correct += d > 0 ? 1 : d == 0 ? 0.5 : 0;
        }
        return correct / b.pairs();
    }

    private static double mean(float[] scores, int row, int heads) {
        double s = 0;
        for (int h = 0; h < heads; h++) s += scores[row * heads + h];
        return s / heads;
    }

    /** Per example, which heads train on it (each with probability subsetFraction, independently); null when every head sees everything. */
    private List<float[]> headMasks(int n, SplittableRandom rng) {
        if (config.subsetFraction() >= 1 || model.heads() == 1) return null;
        List<float[]> masks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] m = new float[model.heads()];
            for (int h = 0; h < m.length; h++) m[h] = rng.nextDouble() < config.subsetFraction() ? 1 : 0;
            masks.add(m);
        }
        return masks;
    }

    public int step() {
        return step;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
