package org.rlhf4j.align.online;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.nn.AdamW;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.nn.GuardedStep;
import org.rlhf4j.core.nn.NonFiniteGuard;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.run.Shuffle;
import org.rlhf4j.core.run.TrainerState;

/**
 * What the critic-free trainers (GRPO, RLOO) share: the policy and its frozen reference, AdamW
 * through one {@link GuardedStep}, sampling at the configured temperature, the per-step
 * permutations of a batch's rows, the check of a step's shapes, and the state a resume needs
 * (step, update count, skipped updates, the optimizer's moments). Subclasses write only their
 * phases: advantages and the loss.
 */
public abstract class GroupTrainer implements OnlineTrainer {
    public static final String OPTIMIZER_FILE = "optimizer.pt";

    protected final PolicyModel policy;
    protected final PolicyModel reference;
    protected final AdamW optimizer;
    protected final NonFiniteGuard guard;
    protected final GuardedStep update;
    protected final SeedStreams seeds;
    protected final int eosId;
    protected final int padId;
    private final String stateFile;
    private final double temperature;
    protected int step;
    protected int updates;

    /**
     * @param policy    trained (a value head, if it has one, is not used)
     * @param reference frozen; the KL measures the policy against it
     * @param stateFile the file marking a complete checkpoint, e.g. {@code grpo-state.json}
     */
    protected GroupTrainer(PolicyModel policy, PolicyModel reference, AdamWConfig optimizer, int maxNonFiniteInARow, double maxGradNorm, long seed,
                           double temperature, String stateFile) {
        if (reference == policy) throw new IllegalArgumentException("the reference must be a separate, frozen copy of the policy");
        this.policy = policy;
        this.reference = reference.freeze();
        this.optimizer = new AdamW(policy.model().parameters().entries(), optimizer);
        this.guard = new NonFiniteGuard(maxNonFiniteInARow);
        this.update = new GuardedStep(this.optimizer, guard, maxGradNorm);
        this.seeds = SeedStreams.of(seed);
        this.eosId = policy.model().config().eosTokenId();
        this.padId = policy.model().config().padTokenId();
        this.temperature = temperature;
        this.stateFile = stateFile;
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
        return OnlineRollout.sample(policy, queries, maxNewTokens, temperature, seed);
    }

    /** One response and one score per query; the batch a whole number of groups of {@code groupSize} and of update rows. */
    protected static void checkStep(List<int[]> queries, List<int[]> responses, double[] scores, int groupSize, String groupName, int updateRows) {
        int n = queries.size();
        if (responses.size() != n || scores.length != n) {
            throw new IllegalArgumentException("step needs one response and one score per query: got " + n + " queries, " + responses.size() + " responses, " + scores.length + " scores");
        }
        if (n % groupSize != 0 || n % updateRows != 0) {
            throw new IllegalArgumentException("a step's batch (" + n + ") must be a multiple of " + groupName + " (" + groupSize
                    + ") and of per_device_train_batch_size x gradient_accumulation_steps (" + updateRows + ")");
        }
    }

    /** A permutation of the batch's {@code n} rows for each of {@code passes} passes, from the run's seed and the step number. */
    protected int[][] passOrders(int n, int passes) {
        SplittableRandom rng = new SplittableRandom(seeds.fork("minibatches").seed("step-" + step));
        int[][] orders = new int[passes][];
        for (int e = 0; e < orders.length; e++) orders[e] = Shuffle.permutation(n, rng);
        return orders;
    }

    /** Where a run stands, beside the optimizer's moments: enough to continue exactly. */
    public record State(int formatVersion, int step, int updates, int skippedTotal, int skippedInARow) implements TrainerState.Versioned {}

    public State state() {
        return new State(1, step, updates, guard.skippedTotal(), guard.skippedInARow());
    }

    @Override
    public String stateFile() {
        return stateFile;
    }

    @Override
    public void saveState(Path dir) throws IOException {
        TrainerState.write(dir.resolve(stateFile), state());
        optimizer.save(dir.resolve(OPTIMIZER_FILE));
    }

    @Override
    public State restoreState(Path dir) {
        State st = TrainerState.read(dir.resolve(stateFile), State.class, 1);
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
