package org.rlhf4j.control.onpolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.control.env.EpisodeStatistics;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.env.VectorEnvironment;
import org.rlhf4j.control.feedback.RewardShaping;
import org.rlhf4j.control.nn.Adam;
import org.rlhf4j.control.policy.ActorCriticPolicy;
import org.rlhf4j.control.policy.ActorCriticPolicy.ActionEvaluation;
import org.rlhf4j.core.rl.ExplainedVariance;
import org.rlhf4j.core.run.SeedStreams;

/**
 * What PPO and A2C share, stable-baselines3's {@code OnPolicyAlgorithm}: the loop
 * <pre>
 *   while steps &lt; total:
 *       collectRollouts()    n_steps x n_envs transitions with the current policy
 *       computeAdvantages()  GAE(gamma, lambda) and returns, via org.rlhf4j.core.rl.Gae
 *       update(progress)     the algorithm's gradient steps (subclass)
 *       report(metrics)      SB3-named metrics to the listeners
 * </pre>
 * A subclass writes only {@link #update}: its loss, its optimiser, its metrics record.
 *
 * <p><b>Rollouts</b> follow SB3's {@code collect_rollouts}: the environments auto-reset; where a
 * step was truncated by the time limit (and not terminated), {@code gamma * V(final observation)}
 * is added to its reward, so GAE bootstraps through the reset; Box actions go to the
 * environment clipped to the bounds while the buffer keeps the sample. With a
 * {@link TrainingReward} (a {@link RewardShaping}, a learned reward model) the learner trains on
 * that reward instead, and both returns are reported:
 * {@code rollout/ep_rew_mean} is the environment's (the {@link VectorEnvironment}'s statistics)
 * and {@code rollout/ep_shaped_rew_mean} the shaped one.
 *
 * <p><b>Randomness</b> comes from the config's seed split into named streams
 * ({@link SeedStreams}): {@code model_init} (network initialisation), {@code sampling} (actions),
 * {@code data_order} (minibatch order), {@code environment} (the seed of the first reset; copy i
 * gets seed + i). The same seed gives the same run.
 *
 * <p><b>Progress</b> is SB3's {@code progress_remaining = 1 - steps / total}, computed after each
 * rollout and handed to {@link #update} for the schedules. A second {@link #learn} call continues
 * the run (SB3's {@code reset_num_timesteps=False}).
 *
 * <p>Not thread-safe; listeners run on the training thread.
 */
public abstract class OnPolicyAlgorithm<M extends TrainMetrics> {
    private final OnPolicyConfig config;
    private final VectorEnvironment environment;
    private final ActorCriticPolicy policy;
    private final RolloutBuffer buffer;
    private final SeedStreams seeds;
    private final SplittableRandom samplingRandom;
    private final SplittableRandom dataOrderRandom;
    private final EpisodeStatistics shapedStatistics;
    private final List<UpdateListener<? super M>> listeners = new ArrayList<>();
    private TrainingReward trainingReward;
    private final Transitions transitions;

    // rollout state, (N, ...) per environment copy
    private final float[] lastObservations;
    private final boolean[] lastEpisodeStarts;
    private final float[] stepActions;
    private final float[] clippedActions;
    private final int[] discreteActions;
    private final float[] stepLogProbs;
    private final float[] stepValues;
    private final float[] stepRewards;
    private final float[] lastValues;
    private final float[] terminalValue = new float[1];
    private boolean started;

    private long numTimesteps;
    private long timestepsAtStart;
    private long startNanos;
    private int iterations;
    private boolean stopRequested;

    /**
     * @param policy an existing policy to keep training, or null for a new one initialised from
     *               the seed's {@code model_init} stream with {@code config.policy()}
     */
    protected OnPolicyAlgorithm(OnPolicyConfig config, VectorEnvironment environment, ActorCriticPolicy policy) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        if (environment == null) throw new IllegalArgumentException("environment must not be null");
        if (environment.numEnvs() != config.nEnvs()) {
            throw new IllegalArgumentException("nEnvs is " + config.nEnvs() + " but the environment has " + environment.numEnvs()
                    + " copies; make it with VectorEnvironment.make(id, nEnvs)");
        }
        this.config = config;
        this.environment = environment;
        this.seeds = SeedStreams.of(config.seed());
        this.policy = policy != null ? checkCompatible(policy, environment)
                : new ActorCriticPolicy(environment.observationSize(), environment.actionSpace(), config.policy(),
                        seeds.random(SeedStreams.MODEL_INIT));
        this.samplingRandom = seeds.random(SeedStreams.SAMPLING);
        this.dataOrderRandom = seeds.random(SeedStreams.DATA_ORDER);
        int n = environment.numEnvs(), actionSize = this.policy.actionSize();
        this.buffer = new RolloutBuffer(config.nSteps(), n, environment.observationSize(), actionSize);
        this.shapedStatistics = new EpisodeStatistics(n);
        this.lastObservations = new float[n * environment.observationSize()];
        this.lastEpisodeStarts = new boolean[n];
        this.stepActions = new float[n * actionSize];
        this.clippedActions = new float[n * actionSize];
        this.discreteActions = new int[n];
        this.stepLogProbs = new float[n];
        this.stepValues = new float[n];
        this.stepRewards = new float[n];
        this.lastValues = new float[n];
        this.transitions = new Transitions(n, environment.observationSize(), actionSize);
    }

    private static ActorCriticPolicy checkCompatible(ActorCriticPolicy policy, VectorEnvironment environment) {
        if (policy.observationSize() != environment.observationSize() || !policy.actionSpace().equals(environment.actionSpace())) {
            throw new IllegalArgumentException("the policy (observations " + policy.observationSize() + ", actions " + policy.actionSpace()
                    + ") does not fit " + environment + " (observations " + environment.observationSize() + ", actions "
                    + environment.actionSpace() + ")");
        }
        return policy;
    }

    /** Trains for {@code totalTimesteps} more environment steps (over all copies), or until {@link #requestStop}. */
    public final OnPolicyAlgorithm<M> learn(long totalTimesteps) {
        if (totalTimesteps < 1) throw new IllegalArgumentException("totalTimesteps must be >= 1, got " + totalTimesteps);
        long end = numTimesteps + totalTimesteps;
        startLearning();
        while (numTimesteps < end && !stopRequested) {
            collectRollouts();
            computeAdvantages();
            iterations++;
            double progressRemaining = 1.0 - (double) numTimesteps / end;
            M metrics = update(progressRemaining);
            report(metrics);
        }
        return this;
    }

    /**
     * The algorithm's training phase on the full {@link #buffer()} (advantages and returns
     * computed), at SB3's {@code progress_remaining} for the schedules; returns its metrics.
     */
    protected abstract M update(double progressRemaining);

    private void startLearning() {
        if (!started) {
            float[] first = environment.reset(seeds.seed(SeedStreams.ENVIRONMENT));
            System.arraycopy(first, 0, lastObservations, 0, lastObservations.length);
            Arrays.fill(lastEpisodeStarts, true);
            for (int i = 0; i < environment.numEnvs(); i++) shapedStatistics.discardRunningEpisode(i);
            started = true;
        }
        stopRequested = false;
        iterations = 0;
        timestepsAtStart = numTimesteps;
        startNanos = System.nanoTime();
    }

    /** Phase 1, rollout: n_steps steps of every copy with the current policy into the buffer. */
    private void collectRollouts() {
        buffer.reset();
        int n = environment.numEnvs();
        while (!buffer.full()) {
            policy.act(lastObservations, n, samplingRandom, stepActions, stepLogProbs, stepValues);
            stepEnvironment(n);
            numTimesteps += n;
            shapeRewards(n);
            bootstrapTruncated(n);
            buffer.add(lastObservations, stepActions, stepRewards, lastEpisodeStarts, stepValues, stepLogProbs);
            System.arraycopy(environment.observations(), 0, lastObservations, 0, lastObservations.length);
            System.arraycopy(environment.dones(), 0, lastEpisodeStarts, 0, n);
        }
    }

    private void stepEnvironment(int n) {
        if (environment.actionSpace() instanceof Space.Discrete) {
            for (int i = 0; i < n; i++) discreteActions[i] = (int) stepActions[i];
            environment.step(discreteActions);
        } else {
            policy.clipActions(stepActions, n, clippedActions);
            environment.step(clippedActions);
        }
    }

    /** The reward the learner sees: the environment's, or the {@link TrainingReward}'s for the step just taken. */
    private void shapeRewards(int n) {
        float[] rewards = environment.rewards();
        if (trainingReward == null) {
            System.arraycopy(rewards, 0, stepRewards, 0, n);
            return;
        }
        boolean[] dones = environment.dones();
        int size = environment.observationSize();
        float[] reached = transitions.reached;
        System.arraycopy(environment.observations(), 0, reached, 0, n * size);
        for (int i = 0; i < n; i++) {
            if (dones[i]) System.arraycopy(environment.terminalObservations(), i * size, reached, i * size, size);
        }
        transitions.set(lastObservations, stepActions, rewards, environment.terminated(), environment.truncated());
        trainingReward.rewards(transitions, stepRewards);
        for (int i = 0; i < n; i++) shapedStatistics.observeStep(i, stepRewards[i], dones[i]);
    }

    /** SB3's timeout handling: r += gamma V(final observation) where truncated and not terminated. */
    private void bootstrapTruncated(int n) {
        boolean[] dones = environment.dones(), truncated = environment.truncated(), terminated = environment.terminated();
        int size = environment.observationSize();
        for (int i = 0; i < n; i++) {
            if (dones[i] && truncated[i] && !terminated[i]) {
                policy.predictValues(environment.terminalObservations(), i * size, 1, terminalValue, 0);
                stepRewards[i] += (float) (config.gamma() * terminalValue[0]);
            }
        }
    }

    /** Phase 2, advantages: V of the observations after the last step, then GAE over the buffer. */
    private void computeAdvantages() {
        policy.predictValues(lastObservations, 0, environment.numEnvs(), lastValues, 0);
        buffer.computeReturnsAndAdvantage(lastValues, lastEpisodeStarts, config.gamma(), config.gaeLambda());
    }

    /** Phase 4, log: the rollout statistics and the update's metrics to every listener. */
    private void report(M metrics) {
        double elapsed = Math.max((System.nanoTime() - startNanos) / 1e9, Double.MIN_NORMAL);
        EpisodeStatistics statistics = environment.statistics();
        RolloutMetrics rollout = new RolloutMetrics(iterations, numTimesteps, (numTimesteps - timestepsAtStart) / elapsed, elapsed,
                statistics.meanReturn(), statistics.meanLength(),
                trainingReward == null ? Double.NaN : shapedStatistics.meanReturn(), statistics.totalEpisodes());
        Update<M> update = new Update<>(rollout, metrics);
        for (UpdateListener<? super M> listener : listeners) listener.onUpdate(update);
    }

    /**
     * For {@link #update}: values, log-probabilities and entropies of {@code batch} under the
     * current policy (SB3's {@code evaluate_actions}); {@link #gradientStep} may follow.
     */
    protected final ActionEvaluation evaluate(RolloutBuffer.Minibatch batch) {
        return policy.evaluateActions(batch.observations(), batch.actions(), batch.size());
    }

    /**
     * For {@link #update}: one optimiser step from a loss's gradients on the batch last
     * {@link #evaluate}d: zero the gradients, backward, clip the global norm to max_grad_norm
     * ({@code clip_grad_norm_}), step.
     */
    protected final void gradientStep(LossGradients gradients, PolicyOptimizer optimizer, double learningRate) {
        policy.zeroGrad();
        policy.backward(gradients.logProb(), gradients.entropy(), gradients.values(), gradients.logProb().length);
        Adam.clipGradNorm(config.maxGradNorm(), policy.gradients());
        optimizer.step(learningRate);
    }

    /** SB3's {@code explained_variance(values, returns)} over the whole buffer. */
    protected final double explainedVariance() {
        return ExplainedVariance.of(buffer.values(), buffer.returns());
    }

    protected final RolloutBuffer buffer() {
        return buffer;
    }

    /** The stream that orders minibatches. */
    protected final SplittableRandom dataOrderRandom() {
        return dataOrderRandom;
    }

    /** Trains on {@code shaping}'s reward from the next rollout on; null restores the environment's reward. */
    public final void setRewardShaping(RewardShaping shaping) {
        setTrainingReward(shaping);
    }

    /**
     * Trains on {@code reward} (a shaping, a learned reward model) from the next step on; null
     * restores the environment's reward. The environment's return is still reported.
     */
    public final void setTrainingReward(TrainingReward reward) {
        this.trainingReward = reward;
    }

    public final void addListener(UpdateListener<? super M> listener) {
        if (listener == null) throw new IllegalArgumentException("listener must not be null");
        listeners.add(listener);
    }

    /** Ends {@link #learn} after the current update (SB3: a callback returning False), e.g. at a reward threshold. */
    public final void requestStop() {
        stopRequested = true;
    }

    public final OnPolicyConfig config() {
        return config;
    }

    public final ActorCriticPolicy policy() {
        return policy;
    }

    public final VectorEnvironment environment() {
        return environment;
    }

    /** Environment steps taken so far over all copies (SB3 {@code num_timesteps}). */
    public final long numTimesteps() {
        return numTimesteps;
    }

    /** Returns under the shaped reward (empty without a {@link RewardShaping}); the true ones are the environment's statistics. */
    public final EpisodeStatistics shapedStatistics() {
        return shapedStatistics;
    }
}
