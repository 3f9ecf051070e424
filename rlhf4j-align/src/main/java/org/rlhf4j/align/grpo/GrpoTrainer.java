package org.rlhf4j.align.grpo;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.align.online.GroupTrainer;
import org.rlhf4j.align.online.RolloutLogProbs;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.nn.GuardedStep;
import org.rlhf4j.core.rl.GroupAdvantages;
import org.rlhf4j.core.rl.GroupPolicyLoss;
import org.rlhf4j.core.rl.MaskedStats;
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
public final class GrpoTrainer extends GroupTrainer {
    public static final String STATE_FILE = "grpo-state.json";
    public static final String OPTIMIZER_FILE = GroupTrainer.OPTIMIZER_FILE;

    private final GrpoConfig config;

    /**
     * @param policy    trained (a value head, if it has one, is not used)
     * @param reference frozen; the KL measures the policy against it
     */
    public GrpoTrainer(PolicyModel policy, PolicyModel reference, GrpoConfig config) {
        super(policy, reference, config.optimizer(), config.maxNonFiniteInARow(), config.maxGradNorm(), config.seed(), config.temperature(), STATE_FILE);
        this.config = config;
    }

    public GrpoConfig config() {
        return config;
    }

    /** One GRPO step on grouped {@code queries} (a prompt's G copies consecutive), their {@code responses} and one score each. */
    @Override
    public GrpoStats step(List<int[]> queries, List<int[]> responses, double[] scores) {
        long start = System.nanoTime();
        int n = queries.size();
        checkStep(queries, responses, scores, config.numGenerations(), "num_generations", config.perDeviceTrainBatchSize() * config.gradientAccumulationSteps());
        ResponseBatch batch = ResponseBatch.of(queries, responses, padId);
        int[][] orders = passOrders(n, config.numIterations());
        RolloutLogProbs old = RolloutLogProbs.of(policy, config.beta() > 0 ? reference : null, batch, orders[0], config.perDeviceTrainBatchSize(),
                config.temperature(), config.precision());
        long forwardDone = System.nanoTime();
        GroupAdvantages.Grouped adv = GroupAdvantages.grpo(scores, config.numGenerations(), config.scaleRewards());
        Updates u = optimise(batch, orders, old, adv.advantages());
        long done = System.nanoTime();
        step++;
        return GrpoStats.of(step, batch, scores, adv, u, guard.skippedTotal(), eosId, (forwardDone - start) / 1e9, (done - forwardDone) / 1e9);
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
}
