package org.rlhf4j.align.grpo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.align.online.OnlineRollout;
import org.rlhf4j.align.online.OnlineTrainer;
import org.rlhf4j.align.online.RolloutLogProbs;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.nn.AdamW;
import org.rlhf4j.core.nn.GuardedStep;
import org.rlhf4j.core.nn.NonFiniteGuard;
import org.rlhf4j.core.rl.GroupAdvantages;
import org.rlhf4j.core.rl.GroupPolicyLoss;
import org.rlhf4j.core.rl.MaskedStats;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.run.Shuffle;
import org.rlhf4j.core.run.TrainerState;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.TensorData;

/**
 * GRPO (Shao et al. 2024, "DeepSeekMath", https://arxiv.org/abs/2402.03300; TRL's
 * {@code GRPOTrainer}): no value head, no critic; the baseline is the group of G replies to the
 * same prompt. {@link #step} takes the grouped queries, their replies and one score each, and
 * runs the phases in order:
 * <ol>
 *   <li><b>forward pass</b>: the policy's ("old") and, with beta > 0, the reference's log-probs
 *       on every response token, in the training precision over the first update's
 *       micro-batches, so the first ratio is exactly 1;</li>
 *   <li><b>advantages</b>: group-normalised ({@link GroupAdvantages#grpo}), one per reply;</li>
 *   <li><b>update</b>: {@code num_iterations} guarded updates ({@link GuardedStep}), each over
 *       every micro-batch, of the clipped per-token loss with the k3 KL term
 *       ({@link GroupPolicyLoss});</li>
 *   <li><b>log</b>: the step's {@link GrpoStats} under TRL's names.</li>
 * </ol>
 */
public final class GrpoTrainer implements OnlineTrainer {
    public static final String STATE_FILE = "grpo-state.json";
    public static final String OPTIMIZER_FILE = "optimizer.pt";

    private final PolicyModel policy;
    private final PolicyModel reference;
    private final GrpoConfig config;
    private final AdamW optimizer;
    private final NonFiniteGuard guard;
    private final GuardedStep update;
    private final SeedStreams seeds;
    private final int eosId;
    private final int padId;
    private int step;
    private int updates;

    /**
     * @param policy    trained (a value head, if it has one, is not used)
     * @param reference frozen; the KL term measures the policy against it
     */
    public GrpoTrainer(PolicyModel policy, PolicyModel reference, GrpoConfig config) {
        if (reference == policy) throw new IllegalArgumentException("the reference must be a separate, frozen copy of the policy");
        this.policy = policy;
        this.reference = reference.freeze();
        this.config = config;
        this.optimizer = new AdamW(policy.model().parameters().entries(), config.optimizer());
        this.guard = new NonFiniteGuard(config.maxNonFiniteInARow());
        this.update = new GuardedStep(optimizer, guard, config.maxGradNorm());
        this.seeds = SeedStreams.of(config.seed());
        this.eosId = policy.model().config().eosTokenId();
        this.padId = policy.model().config().padTokenId();
    }

    public GrpoConfig config() {
        return config;
    }

    @Override
    public PolicyModel policy() {
        return policy;
    }

    @Override
    public PolicyModel reference() {
        return reference;
    }

    @Override
    public int stepsDone() {
        return step;
    }

    /** One reply per query (the loop passes each prompt G times) at the configured temperature. */
    @Override
    public List<int[]> generate(List<int[]> queries, int maxNewTokens, long seed) {
        return OnlineRollout.sample(policy, queries, maxNewTokens, config.temperature(), seed);
    }

    /** One GRPO step on grouped {@code queries} (a prompt's G copies consecutive), their {@code responses} and one score each. */
    @Override
    public GrpoStats step(List<int[]> queries, List<int[]> responses, double[] scores) {
        long start = System.nanoTime();
        int n = queries.size();
        if (responses.size() != n || scores.length != n) {
            throw new IllegalArgumentException("step needs one response and one score per query: got " + n + " queries, " + responses.size() + " responses, " + scores.length + " scores");
        }
        if (n % config.numGenerations() != 0 || n % (config.perDeviceTrainBatchSize() * config.gradientAccumulationSteps()) != 0) {
            throw new IllegalArgumentException("a step's batch (" + n + ") must be a multiple of num_generations (" + config.numGenerations()
                    + ") and of per_device_train_batch_size x gradient_accumulation_steps (" + config.perDeviceTrainBatchSize() * config.gradientAccumulationSteps() + ")");
        }
        ResponseBatch batch = ResponseBatch.of(queries, responses, padId);
        int[][] orders = iterationOrders(n);
        RolloutLogProbs old = RolloutLogProbs.of(policy, config.beta() > 0 ? reference : null, batch, orders[0], config.perDeviceTrainBatchSize(),
                config.temperature(), config.precision());
        long forwardDone = System.nanoTime();
        GroupAdvantages.Grouped adv = GroupAdvantages.grpo(scores, config.numGenerations(), config.scaleRewards());
        Updates u = optimise(batch, orders, old, adv.advantages());
        long done = System.nanoTime();
        step++;
        return GrpoStats.of(step, batch, scores, adv, u, guard.skippedTotal(), eosId, (forwardDone - start) / 1e9, (done - forwardDone) / 1e9);
    }

    /** The permutation of the batch's rows for each iteration, from the run's seed and the step number. */
    private int[][] iterationOrders(int n) {
        SplittableRandom rng = new SplittableRandom(seeds.fork("minibatches").seed("step-" + step));
        int[][] orders = new int[config.numIterations()][];
        for (int e = 0; e < orders.length; e++) orders[e] = Shuffle.permutation(n, rng);
        return orders;
    }

    /** What the update phase measured, averaged over its micro-batches. */
    record Updates(double loss, double kl, double entropy, double lowClip, double highClip, double regionClip, double firstRatioError, double gradNorm,
                   int updates, double learningRate) {}

    /** The update phase: num_iterations passes, each updates_per_iteration guarded updates of gradient_accumulation_steps micro-batches. */
    private Updates optimise(ResponseBatch batch, int[][] orders, RolloutLogProbs old, float[] advantages) {
        double[] sums = new double[6];   // loss, kl, entropy, low, high, region
        double gradNorm = 0;
        double[] firstRatioError = {Double.NaN};
        int micro = 0, count = 0, accumulate = config.gradientAccumulationSteps(), rowsPer = config.perDeviceTrainBatchSize();
        int perIteration = batch.batch() / (rowsPer * accumulate);
        for (int[] order : orders) {
            for (int u = 0; u < perIteration; u++) {
                int firstMicro = u * accumulate;
                boolean first = count == 0;
                GuardedStep.Outcome o = update.apply(++updates, accumulate, i -> {
                    int[] rows = Arrays.copyOfRange(order, (firstMicro + i) * rowsPer, (firstMicro + i + 1) * rowsPer);
                    return microBatchLoss(batch.select(rows), rows, old, advantages, sums, first && i == 0 ? firstRatioError : null);
                });
                gradNorm += o.gradNorm();
                micro += accumulate;
                count++;
            }
        }
        double m = Math.max(1, micro);
        return new Updates(sums[0] / m, sums[1] / m, sums[2] / m, sums[3] / m, sums[4] / m, sums[5] / m, firstRatioError[0], gradNorm / count, count, optimizer.learningRate());
    }

    /** GRPO's loss on one micro-batch; its figures are added to {@code into}; {@code ratioError} receives mean |ratio - 1| when given. */
    private Tensor microBatchLoss(ResponseBatch mb, int[] rows, RolloutLogProbs old, float[] advantages, double[] into, double[] ratioError) {
        ComputeDevice device = policy.device();
        org.rlhf4j.align.policy.PolicyModel.Forward f;
        try (Precision.Region r = config.precision().enter(device)) {
            f = policy.forward(policy.model().fuse(), mb, config.temperature(), false);
        }
        Tensor mask = mb.maskTensor(device);
        Tensor oldLogProbs = RolloutLogProbs.grid(mb, rows, old.policy(), device);
        Tensor ref = old.reference() == null ? null : RolloutLogProbs.grid(mb, rows, old.reference(), device);
        GroupPolicyLoss.Terms t = GroupPolicyLoss.compute(f.logProbs(), oldLogProbs, ref, RolloutLogProbs.perRow(rows, advantages, device), mask,
                config.epsilon(), config.upperClip(), config.beta(), config.lossType(), config.maxCompletionLength());
        into[0] += TensorData.scalar(t.loss());
        into[1] += TensorData.scalar(t.kl());
        into[2] += TensorData.scalar(MaskedStats.mean(f.entropy().detach(), mask));
        into[3] += TensorData.scalar(t.lowClip());
        into[4] += TensorData.scalar(t.highClip());
        into[5] += TensorData.scalar(t.regionClip());
        if (ratioError != null) {
            ratioError[0] = TensorData.scalar(MaskedStats.mean(f.logProbs().detach().sub(oldLogProbs).exp().sub(new Scalar(1.0)).abs(), mask));
        }
        return t.loss();
    }

    /** Where a run stands, beside the optimizer's moments: enough to continue exactly. */
    public record State(int formatVersion, int step, int updates, int skippedTotal, int skippedInARow) implements TrainerState.Versioned {}

    public State state() {
        return new State(1, step, updates, guard.skippedTotal(), guard.skippedInARow());
    }

    @Override
    public String stateFile() {
        return STATE_FILE;
    }

    @Override
    public void saveState(Path dir) throws IOException {
        TrainerState.write(dir.resolve(STATE_FILE), state());
        optimizer.save(dir.resolve(OPTIMIZER_FILE));
    }

    @Override
    public State restoreState(Path dir) {
        State st = TrainerState.read(dir.resolve(STATE_FILE), State.class, 1);
        optimizer.load(dir.resolve(OPTIMIZER_FILE));
        step = st.step();
        updates = st.updates();
        guard.restore(st.skippedTotal(), st.skippedInARow());
        return st;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
