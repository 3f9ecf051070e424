package org.rlhf4j.align.offline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ReplyLogProbs;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.nn.AdamW;
import org.rlhf4j.core.nn.GuardedStep;
import org.rlhf4j.core.nn.NonFiniteGuard;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.TrainerState;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * One optimizer step of an offline method on a batch of examples: per micro-batch, every slot of
 * every example goes through the policy in one concatenated forward pass (TRL's
 * {@code concatenated_forward}), the reference's log-probs come from the cache or, when not
 * precomputed, from the frozen reference in the same batch without gradients, and the
 * {@link OfflineObjective} turns them into a loss; one {@link GuardedStep} per step.
 */
public final class OfflineTrainer implements AutoCloseable {
    public static final String STATE_FILE = "offline-state.json";
    public static final String OPTIMIZER_FILE = "optimizer.pt";
    private static final int FORMAT_VERSION = 1;

    private final PolicyModel policy;
    private final PolicyModel reference;   // null when cached or not used
    private final OfflineObjective objective;
    private final OfflineSettings settings;
    private final AdamW optimizer;
    private final NonFiniteGuard guard;
    private final GuardedStep update;
    private int step;

    /**
     * @param reference frozen here; null when the reference log-probs are precomputed or the objective needs none
     */
    public OfflineTrainer(PolicyModel policy, PolicyModel reference, OfflineObjective objective, OfflineSettings settings) {
        if (reference == policy && reference != null) throw new IllegalArgumentException("the reference must be a separate, frozen copy of the policy");
        this.policy = policy;
        this.reference = reference == null ? null : reference.freeze();
        this.objective = objective;
        this.settings = settings;
        this.optimizer = new AdamW(policy.model().parameters().entries(), settings.optimizer());
        this.guard = new NonFiniteGuard(5);
        this.update = new GuardedStep(optimizer, guard, settings.maxGradNorm());
    }

    public PolicyModel policy() {
        return policy;
    }

    public int stepsDone() {
        return step;
    }

    /**
     * One update on {@code rows} (per_device_train_batch_size x gradient_accumulation_steps
     * examples); {@code referenceSums[i][k]} is slot k of row i under the reference (null: run the
     * reference model, or none for a reference-free objective). Returns the step's figures.
     */
    public Map<String, Double> step(List<OfflineExample> rows, float[][] referenceSums) {
        if (rows.size() != settings.rowsPerStep()) throw new IllegalArgumentException("a step takes " + settings.rowsPerStep() + " examples, got " + rows.size());
        Map<String, Double> sums = new LinkedHashMap<>();
        int b = settings.perDeviceTrainBatchSize();
        GuardedStep.Outcome o = update.apply(step + 1, settings.gradientAccumulationSteps(), micro -> {
            int lo = micro * b;
            return loss(rows.subList(lo, lo + b), referenceSums == null ? null : java.util.Arrays.copyOfRange(referenceSums, lo, lo + b), sums);
        });
        step++;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(MetricNames.Train.LOSS, o.loss());
        for (Map.Entry<String, Double> e : sums.entrySet()) out.put(e.getKey(), e.getValue() / settings.gradientAccumulationSteps());
        out.put(MetricNames.Train.GRAD_NORM, o.gradNorm());
        out.put(MetricNames.Train.LEARNING_RATE, optimizer.learningRate());
        out.put(MetricNames.Train.SKIPPED_STEPS, (double) guard.skippedTotal());
        return out;
    }

    /** The same figures on {@code rows} without gradients or an update, as {@code eval/<name>}, averaged over micro-batches weighted by rows. */
    public Map<String, Double> evaluate(List<OfflineExample> rows, float[][] referenceSums) {
        Map<String, Double> sums = new LinkedHashMap<>();
        int b = settings.perDeviceTrainBatchSize();
        for (int lo = 0; lo < rows.size(); lo += b) {
            int hi = Math.min(rows.size(), lo + b);
            Map<String, Double> part = new LinkedHashMap<>();
            try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
                double loss = TensorData.scalar(loss(rows.subList(lo, hi), referenceSums == null ? null : java.util.Arrays.copyOfRange(referenceSums, lo, hi), part));
                part.put(MetricNames.Train.LOSS, loss);
            }
            for (Map.Entry<String, Double> e : part.entrySet()) sums.merge(e.getKey(), e.getValue() * (hi - lo), Double::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            String name = e.getKey().equals(MetricNames.Train.LOSS) ? MetricNames.Eval.LOSS : "eval/" + e.getKey();
            out.put(name, e.getValue() / rows.size());
        }
        return out;
    }

    /** The loss of one micro-batch, in the caller's scope; figures added into {@code sums}. */
    private Tensor loss(List<OfflineExample> rows, float[][] referenceSums, Map<String, Double> sums) {
        int b = rows.size(), slots = objective.slots();
        List<int[]> queries = new ArrayList<>(b * slots), replies = new ArrayList<>(b * slots);
        float[] labels = new float[b];
        for (int k = 0; k < slots; k++) {
            for (OfflineExample e : rows) {
                queries.add(e.queries()[k]);
                replies.add(e.replies()[k]);
            }
        }
        for (int i = 0; i < b; i++) labels[i] = rows.get(i).desirable() ? 1f : 0f;
        ComputeDevice device = policy.device();
        ResponseBatch batch = ResponseBatch.of(queries, replies, policy.model().config().padTokenId());
        ReplyLogProbs.Sequences all;
        Tensor referenceAll = null;
        try (var region = settings.precision().enter(device)) {
            all = ReplyLogProbs.sequences(policy, policy.model().fuse(), batch);
            if (objective.usesReference() && referenceSums == null) {
                if (reference == null) throw new IllegalStateException("no reference model and no precomputed reference log-probs");
                try (NoGradGuard g = new NoGradGuard()) {
                    referenceAll = ReplyLogProbs.sequences(reference, reference.model().fuse(), batch).sums();
                }
            }
        }
        if (objective.usesReference() && referenceSums != null) {
            float[] flat = new float[b * slots];
            for (int k = 0; k < slots; k++) for (int i = 0; i < b; i++) flat[k * b + i] = referenceSums[i][k];
            referenceAll = device.place(TensorData.floats(flat, flat.length));
        }
        ReplyLogProbs.Sequences[] policySlots = new ReplyLogProbs.Sequences[slots];
        Tensor[] refSums = objective.usesReference() ? new Tensor[slots] : null, refMeans = objective.usesReference() ? new Tensor[slots] : null;
        for (int k = 0; k < slots; k++) {
            Tensor lengths = all.lengths().narrow(0, (long) k * b, b);
            policySlots[k] = new ReplyLogProbs.Sequences(all.sums().narrow(0, (long) k * b, b), all.means().narrow(0, (long) k * b, b), lengths);
            if (refSums != null) {
                refSums[k] = referenceAll.narrow(0, (long) k * b, b);
                refMeans[k] = refSums[k].div(lengths);
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        Tensor loss = objective.loss(new OfflineObjective.Forward(policySlots, refSums, refMeans, device.place(TensorData.floats(labels, b))), figures);
        for (Map.Entry<String, Double> e : figures.entrySet()) sums.merge(e.getKey(), e.getValue(), Double::sum);
        return loss;
    }

    /** Where a run stands beside the optimizer's moments; {@code dataKey} ties it to the examples it was trained on. */
    public record State(int formatVersion, int step, int skippedTotal, int skippedInARow, String dataKey) implements TrainerState.Versioned {}

    public void saveState(Path dir, String dataKey) throws IOException {
        TrainerState.write(dir.resolve(STATE_FILE), new State(FORMAT_VERSION, step, guard.skippedTotal(), guard.skippedInARow(), dataKey));
        optimizer.save(dir.resolve(OPTIMIZER_FILE));
    }

    /** Restores what {@link #saveState} wrote (the policy's weights come with the checkpoint). */
    public State restoreState(Path dir) {
        State st = TrainerState.read(dir.resolve(STATE_FILE), State.class, FORMAT_VERSION);
        optimizer.load(dir.resolve(OPTIMIZER_FILE));
        step = st.step();
        guard.restore(st.skippedTotal(), st.skippedInARow());
        return st;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
