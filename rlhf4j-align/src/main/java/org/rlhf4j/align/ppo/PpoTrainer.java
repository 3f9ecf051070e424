package org.rlhf4j.align.ppo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.align.online.OnlineRollout;
import org.rlhf4j.align.online.OnlineTrainer;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.nn.AdamW;
import org.rlhf4j.core.nn.GuardedStep;
import org.rlhf4j.core.nn.NonFiniteGuard;
import org.rlhf4j.core.rl.ClippedSurrogate;
import org.rlhf4j.core.rl.Gae;
import org.rlhf4j.core.rl.KlController;
import org.rlhf4j.core.rl.KlPenalty;
import org.rlhf4j.core.rl.MaskedStats;
import org.rlhf4j.core.rl.RunningMoments;
import org.rlhf4j.core.rl.ValueLoss;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.run.TrainerState;
import org.rlhf4j.core.run.Shuffle;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * PPO for token sequences (Ziegler et al. 2019, https://arxiv.org/abs/1909.08593; Ouyang et al.
 * 2022; TRL's classic {@code PPOTrainer}). {@link #step} takes queries, the responses sampled for
 * them and one score each, and runs the phases in order:
 * <ol>
 *   <li><b>forward pass</b>: the policy's log-probs and values and the reference's log-probs on
 *       every response token, recomputed with the training forward pass in the training
 *       precision, over exactly the micro-batches the first epoch trains on, so the first
 *       micro-batch's ratio is exactly 1;</li>
 *   <li><b>score</b>: missing-EOS penalty, running scaling or normalisation, clipping;</li>
 *   <li><b>KL penalty</b>: per-token rewards {@code -beta kl_t}, the score on the last token;</li>
 *   <li><b>advantages</b>: GAE over response tokens, whitened over the batch;</li>
 *   <li><b>update</b>: {@code ppoEpochs} over shuffled micro-batches, the clipped surrogate and
 *       clipped value loss shared with control PPO, an entropy bonus, one {@link GuardedStep} per
 *       update;</li>
 *   <li><b>log</b>: the step's {@link PpoStats}, and the KL controller's update.</li>
 * </ol>
 * Every random choice comes from the run's seed and the step number, so a run restored with
 * {@link #restoreState} continues exactly.
 */
public final class PpoTrainer implements OnlineTrainer {
    public static final String STATE_FILE = "ppo-state.json";
    public static final String OPTIMIZER_FILE = "optimizer.pt";

    private final PolicyModel policy;
    private final PolicyModel reference;
    private final PpoConfig config;
    private final AdamW optimizer;
    private final NonFiniteGuard guard;
    private final GuardedStep update;
    private final KlController kl;
    private final SeedStreams seeds;
    private final int eosId;
    private final int padId;
    private RunningMoments scoreMoments = RunningMoments.empty();
    private int step;
    private int updates;

    /**
     * @param policy    trained: its language model and value head
     * @param reference frozen; the KL penalty measures the policy against it
     */
    public PpoTrainer(PolicyModel policy, PolicyModel reference, PpoConfig config) {
        if (policy.valueHead() == null) throw new IllegalArgumentException("the policy needs a value head for PPO");
        if (reference == policy) throw new IllegalArgumentException("the reference must be a separate, frozen copy of the policy");
        this.policy = policy;
        this.reference = reference.freeze();
        this.config = config;
        this.optimizer = new AdamW(policy.entries(), config.optimizer());
        this.guard = new NonFiniteGuard(config.maxNonFiniteInARow());
        this.update = new GuardedStep(optimizer, guard, config.maxGradNorm());
        this.kl = config.adapKlCtrl() ? KlController.adaptive(config.initKlCoef(), config.target(), config.horizon()) : KlController.fixed(config.initKlCoef());
        this.seeds = SeedStreams.of(config.seed());
        this.eosId = policy.model().config().eosTokenId();
        this.padId = policy.model().config().padTokenId();
    }

    public PpoConfig config() {
        return config;
    }

    public PolicyModel policy() {
        return policy;
    }

    public PolicyModel reference() {
        return reference;
    }

    /** PPO steps done. */
    public int stepsDone() {
        return step;
    }

    public double klCoefficient() {
        return kl.value();
    }

    /**
     * Samples one response per query from the current policy (KV cache, stops at EOS) at the
     * configured temperature; {@code seed} fixes the draw (the managed loop derives one per step).
     * Decoding runs the fp32 scripted path, the fastest on CPU; only the tokens are kept, and
     * {@link #step} recomputes their log-probs in the training precision.
     */
    public List<int[]> generate(List<int[]> queries, int maxNewTokens, long seed) {
        return OnlineRollout.sample(policy, queries, maxNewTokens, config.temperature(), seed);
    }

    /** One PPO step on {@code queries}, their {@code responses} and one score each; returns the step's statistics. */
    public PpoStats step(List<int[]> queries, List<int[]> responses, double[] scores) {
        long start = System.nanoTime();
        int n = queries.size();
        if (responses.size() != n || scores.length != n) {
            throw new IllegalArgumentException("step needs one response and one score per query: got " + n + " queries, " + responses.size() + " responses, " + scores.length + " scores");
        }
        if (n % config.updateRows() != 0) {
            throw new IllegalArgumentException("a step's batch (" + n + ") must be a multiple of mini_batch_size x gradient_accumulation_steps (" + config.updateRows() + ")");
        }
        ResponseBatch batch = ResponseBatch.of(queries, responses, padId);
        int[][] orders = epochOrders(n);
        Rollout rollout = forwardPass(batch, orders[0]);
        long forwardDone = System.nanoTime();
        float[] score = scores(batch, scores);
        Grid grid = new Grid(batch);
        KlPenalty.Rewards rewards = KlPenalty.rewards(grid.flatten(rollout.kl), grid.mask, score, n, batch.responseLength(), kl.value());
        Advantages adv = advantages(grid, rewards.rewards(), grid.flatten(rollout.values));
        Updates u = optimise(batch, orders, rollout, adv);
        long done = System.nanoTime();
        PpoStats stats = PpoStats.of(step + 1, batch, rollout, rewards.nonScore(), score, grid, adv, u, kl.value(),
                (forwardDone - start) / 1e9, (done - forwardDone) / 1e9, guard.skippedTotal(), eosId);
        kl.update(stats.meanKl(), n);
        step++;
        return stats;
    }

    /** The permutation of the batch's rows for each epoch, from the run's seed and the step number. */
    private int[][] epochOrders(int n) {
        SplittableRandom rng = new SplittableRandom(seeds.fork("minibatches").seed("step-" + step));
        int[][] orders = new int[config.ppoEpochs()][];
        for (int e = 0; e < orders.length; e++) orders[e] = Shuffle.permutation(n, rng);
        return orders;
    }

    /** Per row, over its own response tokens: what the forward pass measured. */
    record Rollout(float[][] logProbs, float[][] refLogProbs, float[][] values, float[][] kl) {}

    /** The forward pass: old log-probs, values, reference log-probs and per-token KL, on epoch 0's micro-batches. */
    private Rollout forwardPass(ResponseBatch batch, int[] order) {
        int n = batch.batch();
        float[][] logp = new float[n][], ref = new float[n][], values = new float[n][], klt = new float[n][];
        boolean full = config.klPenalty() == KlPenalty.Estimator.FULL;
        ComputeDevice device = policy.device();
        for (int from = 0; from < n; from += config.miniBatchSize()) {
            int[] rows = java.util.Arrays.copyOfRange(order, from, from + config.miniBatchSize());
            ResponseBatch mb = batch.select(rows);
            try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard(); Precision.Region r = config.precision().enter(device)) {
                PolicyModel.Forward p = policy.forward(policy.model().fuse(), mb, config.temperature(), full);
                PolicyModel.Forward q = reference.forward(reference.model().fuse(), mb, config.temperature(), full);
                Tensor perToken = full ? KlPenalty.full(p.logSoftmax(), q.logSoftmax()).mul(mb.maskTensor(device))
                        : KlPenalty.perToken(config.klPenalty(), p.logProbs(), q.logProbs()).mul(mb.maskTensor(device));
                scatter(mb, rows, TensorData.toFloats(p.logProbs()), logp);
                scatter(mb, rows, TensorData.toFloats(q.logProbs()), ref);
                scatter(mb, rows, TensorData.toFloats(p.values()), values);
                scatter(mb, rows, TensorData.toFloats(perToken), klt);
            }
        }
        return new Rollout(logp, ref, values, klt);
    }

    /** Copies a micro-batch's (b, R_mb) grid into per-row arrays of each row's response length. */
    private static void scatter(ResponseBatch mb, int[] rows, float[] grid, float[][] into) {
        for (int i = 0; i < rows.length; i++) {
            into[rows[i]] = java.util.Arrays.copyOfRange(grid, i * mb.responseLength(), i * mb.responseLength() + mb.responseLengths()[i]);
        }
    }

    /** The score phase: missing-EOS penalty, running scaling/normalisation (TRL's), clipping. */
    private float[] scores(ResponseBatch batch, double[] raw) {
        double[] s = raw.clone();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) throw new IllegalArgumentException("score " + i + " is not finite (" + s[i] + "); a reward function must return finite scores");
            int[] response = batch.response(i);
            if (config.missingEosPenalty() > 0 && response[response.length - 1] != eosId) s[i] -= config.missingEosPenalty();
        }
        if (config.useScoreScaling()) {
            scoreMoments = scoreMoments.update(s);
            double std = scoreMoments.std() > 1e-8 ? scoreMoments.std() : 1;
            for (int i = 0; i < s.length; i++) s[i] = config.useScoreNorm() ? (s[i] - scoreMoments.mean()) / std : s[i] / std;
        }
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            double v = config.scoreClip() > 0 ? Math.max(-config.scoreClip(), Math.min(config.scoreClip(), s[i])) : s[i];
            out[i] = (float) v;
        }
        return out;
    }

    /** The batch's (B, R) layout, for the per-token maths that runs on arrays. */
    static final class Grid {
        final int rows, width;
        final int[] lengths;
        final boolean[] mask;

        Grid(ResponseBatch b) {
            rows = b.batch();
            width = b.responseLength();
            lengths = b.responseLengths();
            mask = b.mask();
        }

        float[] flatten(float[][] perRow) {
            float[] out = new float[rows * width];
            for (int i = 0; i < rows; i++) System.arraycopy(perRow[i], 0, out, i * width, perRow[i].length);
            return out;
        }

        float[][] split(float[] flat) {
            float[][] out = new float[rows][];
            for (int i = 0; i < rows; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * width, i * width + lengths[i]);
            return out;
        }
    }

    /** Advantages (whitened) and returns (the value targets), per row over its response tokens. */
    record Advantages(float[][] advantages, float[][] returns) {}

    /** GAE over response tokens (core's {@link Gae}), then advantages whitened over the batch's tokens (TRL's masked_whiten). */
    private Advantages advantages(Grid grid, float[] rewards, float[] values) {
        if (config.whitenRewards()) rewards = whiten(rewards, grid.mask, false);
        Gae.Estimate e = Gae.sequences(rewards, values, grid.mask, grid.rows, grid.width, config.gamma(), config.lam());
        float[] advantages = whiten(e.advantages(), grid.mask, true);
        return new Advantages(grid.split(advantages), grid.split(e.returns()));
    }

    private static float[] whiten(float[] values, boolean[] mask, boolean shiftMean) {
        try (Scope s = Scope.open()) {
            float[] m = new float[mask.length];
            for (int i = 0; i < m.length; i++) m[i] = mask[i] ? 1f : 0f;
            return TensorData.toFloats(MaskedStats.whiten(TensorData.floats(values, values.length), TensorData.floats(m, m.length), shiftMean));
        }
    }

    /** What the update phase measured, averaged over its micro-batches. */
    record Updates(double policyLoss, double valueLoss, double entropyLoss, double totalLoss, double clipFraction, double approxKl,
                   double ratioMax, double firstRatioError, double valuePrediction, double valueClipFraction, double gradNorm,
                   int epochsDone, int updates, int ratioSkips, double learningRate) {}

    /** The update phase: ppoEpochs over the epoch orders, one guarded update per miniBatchSize x gradientAccumulationSteps rows. */
    private Updates optimise(ResponseBatch batch, int[][] orders, Rollout rollout, Advantages adv) {
        Totals totals = new Totals();
        int epochs = 0;
        for (int[] order : orders) {
            Totals epoch = new Totals();
            for (int from = 0; from < batch.batch(); from += config.updateRows()) {
                int first = from;
                GuardedStep.Outcome o = update.apply(++updates, config.gradientAccumulationSteps(), micro -> {
                    int lo = first + micro * config.miniBatchSize();
                    int[] rows = java.util.Arrays.copyOfRange(order, lo, lo + config.miniBatchSize());
                    return microBatchLoss(batch.select(rows), rows, rollout, adv, epoch, totals.micro == 0 && epoch.micro == 0);
                });
                epoch.gradNorm += o.gradNorm();
                epoch.updates++;
            }
            totals.add(epoch);
            epochs++;
            if (config.earlyStopping() && epoch.approxKl / epoch.micro > 1.5 * config.targetKl()) break;   // TRL's early stop on the policy's KL
        }
        return totals.updates(epochs, optimizer.learningRate());
    }

    /** Sums of per-micro-batch figures; means are taken at the end. */
    private static final class Totals {
        double policyLoss, valueLoss, entropy, total, clipFraction, approxKl, ratioMax, firstRatioError = Double.NaN, vpred, valueClipFraction, gradNorm;
        int micro, updates, ratioSkips;

        void add(Totals e) {
            policyLoss += e.policyLoss;
            valueLoss += e.valueLoss;
            entropy += e.entropy;
            total += e.total;
            clipFraction += e.clipFraction;
            approxKl += e.approxKl;
            ratioMax = Math.max(ratioMax, e.ratioMax);
            if (Double.isNaN(firstRatioError)) firstRatioError = e.firstRatioError;
            vpred += e.vpred;
            valueClipFraction += e.valueClipFraction;
            gradNorm += e.gradNorm;
            micro += e.micro;
            updates += e.updates;
            ratioSkips += e.ratioSkips;
        }

        Updates updates(int epochs, double lr) {
            double m = Math.max(1, micro);
            return new Updates(policyLoss / m, valueLoss / m, entropy / m, total / m, clipFraction / m, approxKl / m, ratioMax, firstRatioError,
                    vpred / m, valueClipFraction / m, gradNorm / Math.max(1, updates), epochs, updates, ratioSkips, lr);
        }
    }

    /**
     * The loss of one micro-batch: clipped surrogate + vfCoef * 0.5 * clipped value MSE - entCoef *
     * entropy, all masked means over response tokens; figures go into {@code into}.
     */
    private Tensor microBatchLoss(ResponseBatch mb, int[] rows, Rollout rollout, Advantages adv, Totals into, boolean firstOfStep) {
        ComputeDevice device = policy.device();
        PolicyModel.Forward f;
        try (Precision.Region r = config.precision().enter(device)) {
            f = policy.forward(policy.model().fuse(), mb, config.temperature(), false, config.valueHeadOnly());
        }
        Tensor mask = mb.maskTensor(device);
        Tensor old = grid(mb, rows, rollout.logProbs(), device);
        Tensor oldValues = grid(mb, rows, rollout.values(), device);
        Tensor advantages = grid(mb, rows, adv.advantages(), device);
        Tensor returns = grid(mb, rows, adv.returns(), device);
        ClippedSurrogate.TensorTerms pg = ClippedSurrogate.compute(f.logProbs(), old, advantages, mask, config.cliprange());
        ValueLoss.TensorTerms vf = ValueLoss.compute(f.values(), oldValues, returns, mask, ValueLoss.Clipping.PESSIMISTIC_MAX, config.cliprangeValue());
        Tensor valueLoss = vf.loss().mul(new Scalar(0.5));
        Tensor entropy = MaskedStats.mean(f.entropy(), mask);
        Tensor loss = pg.loss().add(valueLoss.mul(new Scalar(config.vfCoef()))).sub(entropy.mul(new Scalar(config.entCoef())));

        Tensor ratio = f.logProbs().detach().sub(old).exp();
        double ratioMean = TensorData.scalar(MaskedStats.mean(ratio, mask));
        if (firstOfStep) into.firstRatioError = TensorData.scalar(MaskedStats.mean(ratio.sub(new Scalar(1.0)).abs(), mask));
        into.ratioMax = Math.max(into.ratioMax, TensorData.scalar(ratio.mul(mask).max()));
        into.policyLoss += TensorData.scalar(pg.loss());
        into.valueLoss += TensorData.scalar(valueLoss);
        into.entropy += TensorData.scalar(entropy);
        into.clipFraction += TensorData.scalar(pg.clipFraction());
        into.approxKl += TensorData.scalar(pg.approxKl());
        into.vpred += TensorData.scalar(MaskedStats.mean(f.values().detach(), mask));
        into.valueClipFraction += TensorData.scalar(vf.clipFraction());
        into.micro++;
        if (ratioMean > config.ratioThreshold()) {   // TRL: a micro-batch whose ratio ran away teaches nothing; its loss is zeroed
            into.ratioSkips++;
            loss = loss.mul(new Scalar(0.0));
        }
        into.total += TensorData.scalar(loss);
        return loss;
    }

    /** Per-row arrays of {@code rows} laid out as the micro-batch's (b, R_mb) grid, zero-padded. */
    private static Tensor grid(ResponseBatch mb, int[] rows, float[][] perRow, ComputeDevice device) {
        float[] out = new float[mb.batch() * mb.responseLength()];
        for (int i = 0; i < rows.length; i++) System.arraycopy(perRow[rows[i]], 0, out, i * mb.responseLength(), perRow[rows[i]].length);
        return device.place(TensorData.floats(out, mb.batch(), mb.responseLength()));
    }

    /** Where a run stands, beside the optimizer's moments: enough to continue exactly. */
    public record State(int formatVersion, int step, int updates, double klCoefficient, RunningMoments scoreMoments, int skippedTotal, int skippedInARow)
            implements TrainerState.Versioned {}

    public State state() {
        return new State(1, step, updates, kl.value(), scoreMoments, guard.skippedTotal(), guard.skippedInARow());
    }

    @Override
    public String stateFile() {
        return STATE_FILE;
    }

    /** Writes {@code ppo-state.json} and {@code optimizer.pt} into {@code dir}. */
    public void saveState(Path dir) throws IOException {
        TrainerState.write(dir.resolve(STATE_FILE), state());
        optimizer.save(dir.resolve(OPTIMIZER_FILE));
    }

    /** Restores what {@link #saveState} wrote (the policy's weights are loaded with the checkpoint). */
    public State restoreState(Path dir) {
        State st = TrainerState.read(dir.resolve(STATE_FILE), State.class, 1);
        optimizer.load(dir.resolve(OPTIMIZER_FILE));
        step = st.step();
        updates = st.updates();
        kl.restore(st.klCoefficient());
        scoreMoments = st.scoreMoments();
        guard.restore(st.skippedTotal(), st.skippedInARow());
        return st;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
