package org.rlhf4j.control.dqn;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.rlhf4j.control.env.Environment;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.env.VectorEnvironment;
import org.rlhf4j.control.nn.Adam;
import org.rlhf4j.control.nn.Mlp;
import org.rlhf4j.core.rl.LinearSchedule;
import org.rlhf4j.core.rl.Schedule;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.run.SeedStreams;

/**
 * Deep Q-learning (Mnih et al. 2015) with stable-baselines3's loop ({@code OffPolicyAlgorithm.learn}
 * and {@code DQN.train}), optionally with double-DQN targets (van Hasselt et al. 2016).
 *
 * <p>{@link #learn} repeats two phases until {@code totalTimesteps} environment steps are done
 * (the last round may overshoot, as in SB3):
 * <ol>
 * <li><b>collect</b> {@code trainFreq} vector steps; each step: <b>act</b> (uniformly random while
 *     fewer than {@code learningStarts} steps are done, then epsilon-greedy), step the environment,
 *     <b>store</b> the transition, then <b>onStep</b>: every {@code max(targetUpdateInterval /
 *     nEnvs, 1)} vector steps update the target network (Polyak with {@code tau}), and set epsilon
 *     from the linear schedule at the current progress;
 * <li><b>train</b>, once more than {@code learningStarts} steps are done: {@code gradientSteps}
 *     Adam steps, each on a fresh replay batch: TD targets from the target network, Huber loss on
 *     the taken actions ({@link DqnLoss}), gradient-norm clip at {@code maxGradNorm}.
 * </ol>
 * Every {@code logInterval} finished episodes the listeners get {@link DqnMetrics}.
 *
 * <p>As SB3, one uniform draw per vector step decides between a random action for every copy and
 * the greedy action for every copy; Adam uses PyTorch's defaults (betas 0.9, 0.999, eps 1e-8), as
 * SB3's DQN does. Differences: epsilon starts at {@code explorationInitialEps} (SB3 holds 0 until
 * the first step, which matters only for the first action when {@code learningStarts} is 0), and
 * the learning rate is constant.
 *
 * <p>Randomness comes from {@code config.seed()} split into named streams ({@link SeedStreams}):
 * {@value SeedStreams#MODEL_INIT} (Q-network init), {@value SeedStreams#SAMPLING} (epsilon draws
 * and random actions), {@value #REPLAY_STREAM} (replay batches) and
 * {@value SeedStreams#ENVIRONMENT} (copy {@code i} reset with that seed + i). Same seed, same run.
 * Not thread-safe; {@link #learn} runs once per trainer.
 */
public final class DqnTrainer {
    /** Seed stream of the replay batches. */
    public static final String REPLAY_STREAM = "replay";
    /** Adam's epsilon: PyTorch's default, which SB3's DQN keeps. */
    static final double ADAM_EPS = 1e-8;

    private final DqnConfig config;
    private final VectorEnvironment env;
    private final int nEnvs;
    private final int observationSize;
    private final int actionCount;
    private final SeedStreams seeds;
    private final QNetwork qNet;
    private final QNetwork qNetTarget;
    private final Adam optimizer;
    private final ReplayBuffer replay;
    private final ReplayBuffer.Batch batch;
    private final Schedule explorationSchedule;
    private final SplittableRandom explorationRandom;
    private final SplittableRandom replayRandom;
    private final List<DqnListener> listeners = new ArrayList<>();
    private final int[] actions;
    private final float[] lastObservations;

    // Progress, named as SB3's attributes.
    private long numTimesteps;          // num_timesteps
    private long calls;                 // _n_calls: vector steps, for the target update
    private long episodeNum;            // _episode_num
    private long updates;               // _n_updates
    private double explorationRate;     // exploration_rate
    private double progressRemaining = 1.0;
    private double lastLoss = Double.NaN;
    private double lastLearningRate = Double.NaN;
    private long totalTimesteps;
    private long startNanos;
    private boolean learnCalled;
    private boolean stopRequested;

    /**
     * A trainer on {@code env}, which must have {@code config.nEnvs()} copies, a discrete action
     * space and vector observations; the trainer resets it when {@link #learn} starts.
     */
    public DqnTrainer(DqnConfig config, VectorEnvironment env) {
        this.config = Objects.requireNonNull(config, "config");
        this.env = Objects.requireNonNull(env, "env");
        if (env.numEnvs() != config.nEnvs()) {
            throw new IllegalArgumentException("config.nEnvs is " + config.nEnvs() + " but " + env + " has " + env.numEnvs() + " copies");
        }
        if (!(env.actionSpace() instanceof Space.Discrete discrete)) {
            throw new IllegalArgumentException("DQN needs a discrete action space; " + env + " has " + env.actionSpace());
        }
        this.nEnvs = env.numEnvs();
        this.observationSize = env.observationSize();
        this.actionCount = discrete.n();
        this.seeds = SeedStreams.of(config.seed());
        this.qNet = QNetwork.initialised(observationSize, config.netArch(), actionCount, config.activation(),
                seeds.random(SeedStreams.MODEL_INIT));
        this.qNetTarget = qNet.copy();
        this.optimizer = Adam.of(config.learningRate(), 0.9, 0.999, ADAM_EPS, qNet.mlp());
        this.replay = new ReplayBuffer(config.bufferSize(), nEnvs, observationSize);
        this.batch = new ReplayBuffer.Batch(config.batchSize(), observationSize);
        this.explorationSchedule = new LinearSchedule(config.explorationInitialEps(), config.explorationFinalEps(),
                config.explorationFraction());
        this.explorationRandom = seeds.random(SeedStreams.SAMPLING);
        this.replayRandom = seeds.random(REPLAY_STREAM);
        this.actions = new int[nEnvs];
        this.lastObservations = new float[nEnvs * observationSize];
        this.explorationRate = explorationSchedule.valueAt(1.0);
    }

    /** A trainer on {@code config.nEnvs()} copies of the registered environment {@code environmentId}. */
    public static DqnTrainer create(DqnConfig config, String environmentId) {
        return new DqnTrainer(config, VectorEnvironment.make(environmentId, config.nEnvs()));
    }

    public DqnTrainer addListener(DqnListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Trains for {@code totalTimesteps} environment steps over all copies (rounded up to whole
     * collect phases, or fewer after {@link #requestStop}) and returns the metrics at the end.
     */
    public DqnMetrics learn(long totalTimesteps) {
        if (totalTimesteps < 1) throw new IllegalArgumentException("totalTimesteps must be >= 1, got " + totalTimesteps);
        if (learnCalled) throw new IllegalStateException("learn() runs once per DqnTrainer; create a new trainer to train again");
        learnCalled = true;
        this.totalTimesteps = totalTimesteps;
        startNanos = System.nanoTime();
        System.arraycopy(env.reset(seeds.seed(SeedStreams.ENVIRONMENT)), 0, lastObservations, 0, lastObservations.length);
        while (numTimesteps < totalTimesteps && !stopRequested) {
            int collected = collect();
            if (numTimesteps > config.learningStarts()) {
                int steps = config.gradientSteps() >= 0 ? config.gradientSteps() : collected;
                if (steps > 0) train(steps);
            }
            for (DqnListener listener : listeners) listener.onRoundEnd(numTimesteps, qNet);
        }
        return metrics();
    }

    /**
     * Makes {@link #learn} return after the current round, as an SB3 callback returning
     * {@code False} (e.g. {@code StopTrainingOnRewardThreshold}); for listeners.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Phase 1: {@code trainFreq} vector steps; returns the environment steps taken. */
    private int collect() {
        int steps = 0;
        while (steps < config.trainFreq()) {
            act();
            env.step(actions);
            numTimesteps += nEnvs;
            steps++;
            replay.add(lastObservations, actions, env);
            System.arraycopy(env.observations(), 0, lastObservations, 0, lastObservations.length);
            progressRemaining = 1.0 - (double) numTimesteps / totalTimesteps;
            onStep();
            countEpisodes();
        }
        return steps * nEnvs;
    }

    /** Fills {@link #actions}: random during warm-up, then epsilon-greedy (one draw for all copies). */
    private void act() {
        boolean random = numTimesteps < config.learningStarts() || explorationRandom.nextDouble() < explorationRate;
        if (random) {
            for (int e = 0; e < nEnvs; e++) actions[e] = explorationRandom.nextInt(actionCount);
        } else {
            qNet.greedyActions(lastObservations, nEnvs, actions);
        }
    }

    /** SB3 {@code DQN._on_step}: target update by vector-step count, then epsilon from the schedule. */
    private void onStep() {
        calls++;
        if (calls % Math.max(config.targetUpdateInterval() / nEnvs, 1) == 0) {
            qNetTarget.polyakUpdate(qNet, config.tau());
        }
        explorationRate = explorationSchedule.valueAt(progressRemaining);
    }

    private void countEpisodes() {
        boolean[] dones = env.dones();
        for (int e = 0; e < nEnvs; e++) {
            if (!dones[e]) continue;
            episodeNum++;
            if (episodeNum % config.logInterval() == 0) {
                DqnMetrics metrics = metrics();
                for (DqnListener listener : listeners) listener.onLog(metrics);
            }
        }
    }

    /** Phase 2: {@code gradientSteps} Adam steps on replay batches. */
    private void train(int gradientSteps) {
        double learningRate = config.learningRate();
        optimizer.setLearningRate(learningRate);
        Mlp online = qNet.mlp();
        int b = config.batchSize(), qSize = b * actionCount;
        double lossSum = 0;
        for (int step = 0; step < gradientSteps; step++) {
            replay.sample(replayRandom, batch);
            // no-grad passes first: the online forward on s must be the last before backward
            float[] nextQTarget = Arrays.copyOf(qNetTarget.qValues(batch.nextObservations, 0, b), qSize);   // (B, A)
            float[] nextQOnline = config.doubleQ()
                    ? Arrays.copyOf(qNet.qValues(batch.nextObservations, 0, b), qSize)                  // (B, A)
                    : null;
            float[] q = qNet.qValues(batch.observations, 0, b);                                            // (B, A)
            DqnLoss.Terms terms = DqnLoss.compute(q, batch.actions, batch.rewards, batch.terminated, nextQTarget, nextQOnline,
                    actionCount, config.gamma());
            online.zeroGrad();
            online.backward(terms.qGradient(), b);
            Adam.clipGradNorm(config.maxGradNorm(), online);
            optimizer.step();
            lossSum += terms.loss();
        }
        updates += gradientSteps;
        lastLoss = lossSum / gradientSteps;
        lastLearningRate = learningRate;
    }

    /** The metrics now (what the listeners get at {@code dump_logs}). */
    public DqnMetrics metrics() {
        double elapsed = Math.max((System.nanoTime() - startNanos) / 1e9, Math.ulp(1.0));
        return new DqnMetrics(numTimesteps, episodeNum, env.statistics().meanReturn(), env.statistics().meanLength(),
                explorationRate, (long) (numTimesteps / elapsed), elapsed, lastLoss, lastLearningRate, updates);
    }

    /** {@link GreedyEvaluation} of the current Q-network on {@code environment}. */
    public GreedyEvaluation.Result evaluate(Environment environment, int episodes, long seed) {
        return GreedyEvaluation.evaluate(qNet, environment, episodes, seed);
    }

    /**
     * Writes {@code q_network.safetensors} (see {@link QNetwork}; metadata: config, timesteps,
     * environment) and {@code run.json} ({@link Provenance}) into {@code directory}.
     */
    public Path save(Path directory) throws IOException {
        Files.createDirectories(directory);
        ObjectMapper json = new ObjectMapper();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("algorithm", "dqn");
        metadata.put("environment", env.environment(0).id());
        metadata.put("num_timesteps", Long.toString(numTimesteps));
        metadata.put("config", json.writeValueAsString(config.toSb3Map()));
        Path file = qNet.save(directory.resolve("q_network.safetensors"), metadata);
        Provenance.capture("dqn", json.valueToTree(config.toSb3Map()), seeds, SeedStreams.MODEL_INIT, SeedStreams.SAMPLING,
                REPLAY_STREAM, SeedStreams.ENVIRONMENT).write(directory.resolve(Provenance.FILE_NAME));
        return file;
    }

    public DqnConfig config() {
        return config;
    }

    /** The online network (live: it changes as training runs). */
    public QNetwork qNetwork() {
        return qNet;
    }

    /** The target network (live). */
    public QNetwork targetNetwork() {
        return qNetTarget;
    }

    public VectorEnvironment environment() {
        return env;
    }

    public long numTimesteps() {
        return numTimesteps;
    }

    /** Gradient steps taken ({@code train/n_updates}). */
    public long updates() {
        return updates;
    }

    public double explorationRate() {
        return explorationRate;
    }

    /** Transitions in the replay buffer. */
    public long replaySize() {
        return replay.size();
    }
}
