package org.rlhf4j.lm.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.nn.AdamW;
import org.rlhf4j.core.nn.GuardedStep;
import org.rlhf4j.core.run.TrainerState;
import org.rlhf4j.core.nn.NonFiniteGuard;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.AttentionMasks;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * Trains a {@link LlamaModel} on next-token prediction. One optimizer step: set the learning rate,
 * accumulate gradients over micro-batches, check that loss and gradient norm are finite (skip the
 * step otherwise), clip, update; evaluation runs every {@code evalEvery} steps on fixed held-out
 * batches. Each step runs in its own native scope, so memory stays flat however long it runs.
 */
public final class LmTrainer implements AutoCloseable {
    private final LlamaModel model;
    private final LmTrainingConfig config;
    private final List<TrainingListener> listeners;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private int step;
    private final NonFiniteGuard guard;
    private final GuardedStep update;
    private long batchesDrawn;
    private volatile boolean stopRequested;

    public LmTrainer(LlamaModel model, LmTrainingConfig config, List<TrainingListener> listeners) {
        this.model = model;
        this.config = config;
        this.listeners = List.copyOf(listeners);
        this.optimizer = new AdamW(model.parameters(), config.optimizer());
        this.guard = new NonFiniteGuard(config.maxNonFiniteInARow());
        this.update = new GuardedStep(optimizer, guard, config.gradClipNorm());
        this.schedule = new LearningRateSchedule(config.optimizer().learningRate(), config.warmupSteps(), config.maxSteps(), config.minLearningRateRatio());
    }

    /** What a finished run reached. */
    public record Summary(int steps, int skippedSteps, double lastTrainLoss, double heldOutLoss, double seconds, long tokens, boolean stoppedEarly) {}

    /** Asks the loop to stop after the current step (early stopping listeners call this). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Trains for {@code maxSteps} steps; batches come from the suppliers (each with its own random stream). */
    public Summary train(Supplier<LmBatch> trainBatches, List<LmBatch> heldOut) {
        long start = System.nanoTime(), tokens = 0;
        double loss = Double.NaN, evalLoss = Double.NaN;
        while (step < config.maxSteps() && !stopRequested) {
            long stepStart = System.nanoTime();
            double lr = schedule.at(step);
            optimizer.setLearningRate(lr);
            double[] lossAndNorm = optimizerStep(trainBatches);
            step++; // counted before listeners run, so a checkpoint they write records the steps done
            long stepTokens = (long) lossAndNorm[3];
            tokens += stepTokens;
            loss = lossAndNorm[0];
            double rate = stepTokens / ((System.nanoTime() - stepStart) / 1e9);
            var report = new TrainingListener.StepReport(step, config.maxSteps(), loss, lr, lossAndNorm[1], tokens, rate,
                    lossAndNorm[2] != 0, guard.skippedTotal());
            for (TrainingListener l : listeners) l.onStep(report);
            if (step == config.maxSteps() || (config.evalEvery() > 0 && step % config.evalEvery() == 0)) {
                evalLoss = evaluate(heldOut);
                for (TrainingListener l : listeners) l.onEvaluation(step, evalLoss);
            }
        }
        return new Summary(step, guard.skippedTotal(), loss, evalLoss, (System.nanoTime() - start) / 1e9, tokens, stopRequested);
    }

    /** Forward/backward over the micro-batches, guard, clip, update ({@link GuardedStep}). Returns {loss, grad norm, skipped ? 1 : 0, tokens in the batches}. */
    private double[] optimizerStep(Supplier<LmBatch> batches) {
        long[] tokens = new long[1];
        GuardedStep.Outcome o = update.apply(step + 1, config.gradAccumulation(), micro -> {
            LmBatch batch = batches.get();
            tokens[0] += batch.segments() == null ? (long) batch.batch() * batch.length() : nonPadding(batch.segments());
            batchesDrawn++;
            return loss(batch);
        });
        return new double[] {o.loss(), o.gradNorm(), o.skipped() ? 1 : 0, tokens[0]};
    }

    private static long nonPadding(int[] segments) {
        long n = 0;
        for (int s : segments) if (s != 0) n++;
        return n;
    }

    /** Mean loss of one batch: a scalar tensor in the caller's scope (autograd follows the caller's grad mode). */
    private Tensor loss(LmBatch b) {
        ComputeDevice device = model.device();
        try (Precision.Region autocast = config.precision().enter(device)) {
            Tensor ids = place(TensorData.ids(b.inputs(), b.batch(), b.length()));
            Tensor targets = place(TensorData.ids(b.targets(), b.batch(), b.length()));
            Tensor positions;
            Tensor mask = null;
            if (b.segments() == null) {
                positions = place(torch.arange(new Scalar(b.length())).unsqueeze(0).expand(b.batch(), b.length()));
            } else {
                positions = place(TensorData.ids(b.positions(), b.batch(), b.length()));
                mask = AttentionMasks.segmented(place(TensorData.ids(b.segments(), b.batch(), b.length())));
            }
            Tensor logits = model.forward(model.fuse(), ids, positions, mask, null, false).logits();
            return LmLoss.crossEntropy(logits, targets);
        }
    }

    /** Mean loss over fixed held-out batches, without gradients. */
    public double evaluate(List<LmBatch> batches) {
        if (batches.isEmpty()) return Double.NaN;
        double sum = 0;
        for (LmBatch b : batches) {
            try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
                sum += TensorData.scalar(loss(b));
            }
        }
        return sum / batches.size();
    }

    /** Draws {@code n} held-out batches once, so every evaluation sees the same data. */
    public static List<LmBatch> fixedBatches(int n, Supplier<LmBatch> source) {
        List<LmBatch> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(source.get());
        return out;
    }

    private Tensor place(Tensor t) {
        return model.device().place(t);
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** Where a run stands: with the optimizer's state, enough to continue exactly. */
    public record State(int formatVersion, int step, int skippedTotal, int skippedInARow, long batchesDrawn) implements TrainerState.Versioned {}

    public static final String STATE_FILE = "trainer-state.json";
    public static final String OPTIMIZER_FILE = "optimizer.pt";

    public State state() {
        return new State(1, step, guard.skippedTotal(), guard.skippedInARow(), batchesDrawn);
    }

    /** Writes the counters ({@code trainer-state.json}) and AdamW's moments ({@code optimizer.pt}, libtorch's archive) into {@code dir}. */
    public void saveState(Path dir) throws IOException {
        TrainerState.write(dir.resolve(STATE_FILE), state());
        optimizer.save(dir.resolve(OPTIMIZER_FILE));
    }

    /** Restores what {@link #saveState} wrote; training then continues from the saved step. */
    public State restoreState(Path dir) {
        State st = TrainerState.read(dir.resolve(STATE_FILE), State.class, 1);
        optimizer.load(dir.resolve(OPTIMIZER_FILE));
        step = st.step();
        guard.restore(st.skippedTotal(), st.skippedInARow());
        batchesDrawn = st.batchesDrawn();
        return st;
    }

    public int step() {
        return step;
    }


    @Override
    public void close() {
        optimizer.close();
    }
}
