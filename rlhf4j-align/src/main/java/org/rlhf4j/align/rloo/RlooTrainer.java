package org.rlhf4j.align.rloo;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.align.online.GroupTrainer;
import org.rlhf4j.align.online.RolloutLogProbs;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.nn.GuardedStep;
import org.rlhf4j.core.rl.ClippedSurrogate;
import org.rlhf4j.core.rl.GroupAdvantages;
import org.rlhf4j.core.rl.MaskedStats;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.TensorData;

/**
 * RLOO, REINFORCE with a leave-one-out baseline (Ahmadian et al. 2024, "Back to Basics:
 * Revisiting REINFORCE Style Optimization for Learning from Human Feedback in LLMs",
 * https://arxiv.org/abs/2402.14740; TRL's {@code RLOOTrainer}): no critic; k replies per prompt,
 * each judged against the mean of the other k - 1. {@link #step} runs the phases in order:
 * <ol>
 *   <li><b>forward pass</b>: the policy's and the reference's log-probs on every response token,
 *       in the training precision over the first update's micro-batches (the first ratio is 1);</li>
 *   <li><b>KL in the reward</b>: {@code r_i = score_i - kl_coef sum_t (log pi - log pi_ref)};</li>
 *   <li><b>advantages</b>: the leave-one-out baseline ({@link GroupAdvantages#leaveOneOut}),
 *       optionally normalised over the batch;</li>
 *   <li><b>update</b>: num_ppo_epochs x num_mini_batches guarded updates of the clipped surrogate on
 *       the sequence's ratio {@code exp(sum_t log pi - sum_t log pi_old)}, as TRL's RLOO;</li>
 *   <li><b>log</b>: {@link RlooStats} under TRL's names.</li>
 * </ol>
 */
public final class RlooTrainer extends GroupTrainer {
    public static final String STATE_FILE = "rloo-state.json";
    public static final String OPTIMIZER_FILE = GroupTrainer.OPTIMIZER_FILE;

    private final RlooConfig config;

    /**
     * @param policy    trained (a value head, if it has one, is not used)
     * @param reference frozen; the KL measures the policy against it
     */
    public RlooTrainer(PolicyModel policy, PolicyModel reference, RlooConfig config) {
        super(policy, reference, config.optimizer(), config.maxNonFiniteInARow(), config.maxGradNorm(), config.seed(), config.temperature(), STATE_FILE);
        this.config = config;
    }

    public RlooConfig config() {
        return config;
    }

    /** One RLOO step on grouped {@code queries} (a prompt's k copies consecutive), their {@code responses} and one score each. */
    @Override
    public RlooStats step(List<int[]> queries, List<int[]> responses, double[] scores) {
        long start = System.nanoTime();
        int n = queries.size();
        checkStep(queries, responses, scores, config.rlooK(), "rloo_k", config.perDeviceTrainBatchSize() * config.gradientAccumulationSteps());
        ResponseBatch batch = ResponseBatch.of(queries, responses, padId);
        int[][] orders = passOrders(n, config.numPpoEpochs());
        RolloutLogProbs old = RolloutLogProbs.of(policy, reference, batch, orders[0], config.perDeviceTrainBatchSize(), config.temperature(), config.precision());
        long forwardDone = System.nanoTime();
        Rewards rewards = rewards(old, scores);
        float[] advantages = GroupAdvantages.leaveOneOut(rewards.total(), config.rlooK());
        if (config.normalizeAdvantage()) advantages = MaskedStats.normalise(advantages);
        Updates u = optimise(batch, orders, old, advantages);
        long done = System.nanoTime();
        step++;
        return RlooStats.of(step, batch, scores, rewards, advantages, u, config.rlooK(), guard.skippedTotal(), eosId, (forwardDone - start) / 1e9, (done - forwardDone) / 1e9);
    }

    /** Per reply: the KL summed over its tokens, and the reward with the KL penalty in it. */
    record Rewards(double[] kl, double[] total) {}

    /** The KL-in-reward phase: TRL's non-score reward {@code -kl_coef sum_t (logp - ref)}, added to the score. */
    private Rewards rewards(RolloutLogProbs old, double[] scores) {
        int n = scores.length;
        double[] kl = new double[n], total = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) throw new IllegalArgumentException("score " + i + " is not finite (" + scores[i] + "); a reward function must return finite scores");
            for (int t = 0; t < old.policy()[i].length; t++) kl[i] += old.policy()[i][t] - old.reference()[i][t];
            total[i] = scores[i] - config.klCoef() * kl[i];
        }
        return new Rewards(kl, total);
    }

    /** What the update phase measured, averaged over its micro-batches. */
    record Updates(double loss, double clipFraction, double approxKl, double ratio, double entropy, double firstRatioError, double gradNorm, int updates, double learningRate) {}

    /** num_ppo_epochs passes of guarded updates over gradient_accumulation_steps micro-batches each. */
    private Updates optimise(ResponseBatch batch, int[][] orders, RolloutLogProbs old, float[] advantages) {
        double[] sums = new double[5];   // loss, clipfrac, approxkl, ratio, entropy
        double[] firstRatioError = {Double.NaN};
        double gradNorm = 0;
        int micro = 0, count = 0, accumulate = config.gradientAccumulationSteps(), rowsPer = config.perDeviceTrainBatchSize();
        for (int[] order : orders) {
            for (int from = 0; from < batch.batch(); from += rowsPer * accumulate) {
                int first = from;
                boolean firstUpdate = count == 0;
                GuardedStep.Outcome o = update.apply(++updates, accumulate, i -> {
                    int[] rows = Arrays.copyOfRange(order, first + i * rowsPer, first + (i + 1) * rowsPer);
                    return microBatchLoss(batch.select(rows), rows, old, advantages, sums, firstUpdate && i == 0 ? firstRatioError : null);
                });
                gradNorm += o.gradNorm();
                micro += accumulate;
                count++;
            }
        }
        double m = Math.max(1, micro);
        return new Updates(sums[0] / m, sums[1] / m, sums[2] / m, sums[3] / m, sums[4] / m, firstRatioError[0], gradNorm / count, count, optimizer.learningRate());
    }

    /** The clipped surrogate on each reply's sequence-level ratio, a mean over the micro-batch's replies. */
    private Tensor microBatchLoss(ResponseBatch mb, int[] rows, RolloutLogProbs rollout, float[] advantages, double[] into, double[] ratioError) {
        ComputeDevice device = policy.device();
        org.rlhf4j.align.policy.PolicyModel.Forward f;
        try (Precision.Region r = config.precision().enter(device)) {
            f = policy.forward(policy.model().fuse(), mb, config.temperature(), false);
        }
        Tensor sequence = f.logProbs().sum(new long[] {1}, false, new ScalarTypeOptional());     // (b): log pi(reply)
        // The same sum over the same grid as the new log-probs', so the first ratio is exactly 1.
        Tensor old = RolloutLogProbs.grid(mb, rows, rollout.policy(), device).sum(new long[] {1}, false, new ScalarTypeOptional());
        ClippedSurrogate.TensorTerms pg = ClippedSurrogate.compute(sequence, old, RolloutLogProbs.perRow(rows, advantages, device), null, config.cliprange());
        Tensor ratio = sequence.detach().sub(old).exp();
        into[0] += TensorData.scalar(pg.loss());
        into[1] += TensorData.scalar(pg.clipFraction());
        into[2] += TensorData.scalar(pg.approxKl());
        into[3] += TensorData.scalar(ratio.mean());
        into[4] += TensorData.scalar(MaskedStats.mean(f.entropy().detach(), mb.maskTensor(device)));
        if (ratioError != null) ratioError[0] = TensorData.scalar(ratio.sub(new Scalar(1.0)).abs().mean());
        return pg.loss();
    }
}
