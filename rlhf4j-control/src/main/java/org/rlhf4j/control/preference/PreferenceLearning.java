package org.rlhf4j.control.preference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.rlhf4j.control.env.Environment;
import org.rlhf4j.control.env.Environments;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.env.VectorEnvironment;
import org.rlhf4j.control.onpolicy.OnPolicyAlgorithm;
import org.rlhf4j.control.policy.ActorCriticPolicy;
import org.rlhf4j.control.policy.PolicyEvaluation;
import org.rlhf4j.core.run.SeedStreams;

/**
 * Deep RL from human preferences (Christiano et al. 2017) around an on-policy learner (PPO, A2C):
 * <pre>
 *   collect initialSteps with the initial policy; ask the initial queries; fit the reward ensemble
 *   train the policy on the normalised learned reward; at each of {@code rounds} evenly spaced points:
 *       evaluate the policy on the true reward (for the report; the learner never sees it)
 *       cut candidate clip pairs from recent episodes, ask the most disputed ones
 *       refit the ensemble on all labels so far, renormalise
 * </pre>
 * The environment's true return reaches the learner only through the teacher's answers. Labels
 * are counted when asked (a skipped question costs the teacher's time too).
 *
 * <p>Randomness comes from the config's seed: streams {@code model_init} (reward networks),
 * {@code data_order} (reward minibatches), {@code sampling} (clips and candidate pairs),
 * {@code bootstrap} (the ensemble's resamples), {@code environment} (the initial collection),
 * {@code evaluation} (evaluation episodes). The policy learner has its own seed.
 */
public final class PreferenceLearning {
    /**
     * The state after one query round, or after the initial labels (round 0) and at the end.
     *
     * @param labels            questions asked before this point's evaluation: the labels behind the
     *                          reward the evaluated policy was trained on
     * @param newLabels         questions asked in this round (after the evaluation)
     * @param newLabelAccuracy  the ensemble's accuracy on this round's decisive answers before
     *                          training on them (NaN when there were none)
     * @param evalMeanReturn    deterministic evaluation on the environment's true reward
     */
    public record Round(int round, long policySteps, long environmentSteps, int labels, int newLabels, int skipped,
                        double newLabelAccuracy, double evalMeanReturn, double evalStdReturn, double trainEpisodeReturn,
                        double rewardLoss, double rewardAccuracy, double offset, double scale, double seconds) {
        /** Metric names for metrics.jsonl, beside the learner's stable-baselines3 names. */
        public Map<String, Number> toMap() {
            Map<String, Number> m = new LinkedHashMap<>();
            m.put("preference/round", round);
            m.put("preference/labels", labels);
            m.put("preference/new_labels", newLabels);
            m.put("preference/skipped", skipped);
            if (!Double.isNaN(newLabelAccuracy)) m.put("preference/new_label_accuracy", newLabelAccuracy);
            m.put("eval/mean_reward", evalMeanReturn);
            m.put("eval/std_reward", evalStdReturn);
            if (!Double.isNaN(rewardLoss)) m.put("reward/loss", rewardLoss);
            if (!Double.isNaN(rewardAccuracy)) m.put("reward/accuracy", rewardAccuracy);
            m.put("reward/offset", offset);
            m.put("reward/scale", scale);
            m.put("time/environment_steps", environmentSteps);
            m.put("time/time_elapsed", seconds);
            return m;
        }
    }

    /** The whole run: every round and the labels asked and answered. */
    public record Result(List<Round> rounds, int labelsAsked, int labelsAnswered) {
        /** The first round whose evaluation reached {@code threshold}, or null. */
        public Round firstAtOrAbove(double threshold) {
            for (Round r : rounds) if (r.evalMeanReturn() >= threshold) return r;
            return null;
        }

        public Round last() {
            return rounds.get(rounds.size() - 1);
        }
    }

    /** Told about each round as it ends, and about each answer as it comes, on the training thread. */
    @FunctionalInterface
    public interface Listener {
        void onRound(Round round);

        /** An answered query, already in the data (e.g. to append it to a file so no label is lost). */
        default void onAnswer(Comparison comparison) {}
    }

    private final OnPolicyAlgorithm<?> learner;
    private final PreferenceConfig config;
    private final PreferenceTeacher teacher;
    private final PreferenceRewardModel model;
    private final PreferenceDataset data;
    private final TrajectoryRecorder recorder;
    private final Environment evaluationEnvironment;
    private final SeedStreams seeds;
    private final SplittableRandom sampling;
    private final SplittableRandom order;
    private final long evaluationSeed;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Round> rounds = new ArrayList<>();
    private double stopAt = Double.NaN;
    private int asked;
    private int answered;
    private int skippedInRound;
    private long initialEnvironmentSteps;
    private long startNanos;
    private PreferenceRewardModel.TrainingStats lastStats = new PreferenceRewardModel.TrainingStats(Double.NaN, Double.NaN, 0);

    public PreferenceLearning(OnPolicyAlgorithm<?> learner, PreferenceConfig config, PreferenceTeacher teacher) {
        if (learner == null || config == null || teacher == null) throw new IllegalArgumentException("learner, config and teacher must be set");
        this.learner = learner;
        this.config = config;
        this.teacher = teacher;
        this.seeds = SeedStreams.of(config.seed());
        VectorEnvironment env = learner.environment();
        this.model = new PreferenceRewardModel(env.observationSize(), env.actionSpace(), config, seeds.random(SeedStreams.MODEL_INIT));
        this.data = new PreferenceDataset(config.ensembleSize(), seeds.random("bootstrap"));
        this.recorder = new TrajectoryRecorder(env.observationSize(), learner.policy().actionSize(), env.numEnvs(), config.poolSteps());
        this.evaluationEnvironment = Environments.make(env.environment(0).id());
        this.sampling = seeds.random(SeedStreams.SAMPLING);
        this.order = seeds.random(SeedStreams.DATA_ORDER);
        this.evaluationSeed = seeds.seed("evaluation");
    }

    /** Ends {@link #learn} at the first evaluation whose mean true return is at least {@code threshold}. */
    public PreferenceLearning stopAtEvaluationReturn(double threshold) {
        this.stopAt = threshold;
        return this;
    }

    public PreferenceLearning addListener(Listener listener) {
        listeners.add(listener);
        return this;
    }

    public PreferenceConfig config() {
        return config;
    }

    public PreferenceTeacher teacher() {
        return teacher;
    }

    public PreferenceRewardModel rewardModel() {
        return model;
    }

    public PreferenceDataset data() {
        return data;
    }

    /**
     * Runs the whole loop: initial labels, then {@code totalTimesteps} policy steps on the learned
     * reward with {@code rounds} query rounds spread over them.
     *
     * @throws IllegalStateException when the teacher answers none of the initial questions
     */
    public Result learn(long totalTimesteps) {
        if (totalTimesteps < config.rounds() + 1) throw new IllegalArgumentException("totalTimesteps must be > rounds, got " + totalTimesteps);
        startNanos = System.nanoTime();
        collectInitial();
        Round initial = evaluate(0, 0);
        ask(config.initialComparisons(), PreferenceConfig.QuerySelection.RANDOM);
        if (data.size() == 0) {
            throw new IllegalStateException("the teacher answered none of the " + asked + " initial questions; there is nothing to learn a reward from");
        }
        lastStats = model.train(data, config.epochs() * config.initialEpochMultiplier(), order);
        renormalise();
        Round first = withQueries(initial, asked, Double.NaN);
        publish(first);
        if (stopAt(first)) return result();

        long start = learner.numTimesteps();
        long[] next = {1};
        learner.setTrainingReward((step, out) -> {
            recorder.record(step);
            model.rewards(step, out);
        });
        learner.addListener(update -> {
            // every round that fell due during this update (several when updates are further apart than rounds)
            int wanted = 0, round = 0;
            while (next[0] <= config.rounds() && learner.numTimesteps() >= start + next[0] * totalTimesteps / (config.rounds() + 1)) {
                round = (int) next[0]++;
                wanted += config.comparisonsInRound(round);
            }
            if (round == 0) return;
            int labelsBefore = asked;
            Round evaluated = evaluate(round, labelsBefore);
            wanted = teacher.finished() ? 0 : Math.min(wanted, config.totalComparisons() - asked);
            double accuracy = ask(wanted, config.querySelection());
            if (wanted > 0) {
                lastStats = model.train(data, config.epochs(), order);
                renormalise();
            }
            Round r = withQueries(evaluated, asked - labelsBefore, accuracy);
            publish(r);
            if (stopAt(r)) learner.requestStop();
        });
        learner.learn(totalTimesteps);
        learner.setTrainingReward(null);
        if (!stopAt(rounds.get(rounds.size() - 1))) publish(evaluate(config.rounds() + 1, asked));
        return result();
    }

    private boolean stopAt(Round r) {
        return !Double.isNaN(stopAt) && r.evalMeanReturn() >= stopAt;
    }

    private Result result() {
        return new Result(Collections.unmodifiableList(new ArrayList<>(rounds)), asked, answered);
    }

    private void publish(Round r) {
        rounds.add(r);
        for (Listener l : listeners) l.onRound(r);
    }

    /** Rolls the initial policy for initialSteps steps in a fresh copy of the learner's environment. */
    private void collectInitial() {
        VectorEnvironment env = learner.environment();
        int n = env.numEnvs(), size = env.observationSize();
        VectorEnvironment fresh = VectorEnvironment.make(env.environment(0).id(), n);
        ActorCriticPolicy policy = learner.policy();
        int actionSize = policy.actionSize();
        float[] observations = fresh.reset(seeds.seed(SeedStreams.ENVIRONMENT)).clone();
        float[] actions = new float[n * actionSize], logProbs = new float[n], values = new float[n], clipped = new float[n * actionSize];
        int[] discrete = new int[n];
        SplittableRandom random = seeds.random("initial_actions");
        boolean isDiscrete = env.actionSpace() instanceof Space.Discrete;
        for (long steps = 0; steps < config.initialSteps(); steps += n) {
            policy.act(observations, n, random, actions, logProbs, values);
            if (isDiscrete) {
                for (int i = 0; i < n; i++) discrete[i] = (int) actions[i];
                fresh.step(discrete);
            } else {
                policy.clipActions(actions, n, clipped);
                fresh.step(clipped);
            }
            for (int i = 0; i < n; i++) {
                recorder.record(i, observations, i * size, actions, i * actionSize, fresh.rewards()[i], fresh.terminated()[i], fresh.truncated()[i]);
            }
            System.arraycopy(fresh.observations(), 0, observations, 0, observations.length);
            initialEnvironmentSteps += n;
        }
        recorder.discardRunning();
    }

    /**
     * Asks {@code count} questions on clip pairs from the pool and adds the answers to the data;
     * returns the ensemble's accuracy on the decisive answers before they were added.
     */
    private double ask(int count, PreferenceConfig.QuerySelection selection) {
        skippedInRound = 0;
        if (count <= 0) return Double.NaN;
        List<Segment[]> pairs = candidates(count, selection);
        int decisive = 0, right = 0;
        for (Segment[] pair : pairs) {
            if (teacher.finished()) break;
            OptionalDouble answer = teacher.compare(pair[0], pair[1]);
            asked++;
            if (answer.isEmpty()) {
                skippedInRound++;
                continue;
            }
            answered++;
            double y = answer.getAsDouble();
            if (y != 0.5 && lastStats.steps() > 0) {
                decisive++;
                if ((model.preference(pair[0], pair[1]) > 0.5) == (y > 0.5)) right++;
            }
            Comparison comparison = new Comparison(pair[0], pair[1], y, asked - 1);
            data.add(comparison);
            for (Listener l : listeners) l.onAnswer(comparison);
        }
        return decisive == 0 ? Double.NaN : (double) right / decisive;
    }

    private List<Segment[]> candidates(int count, PreferenceConfig.QuerySelection selection) {
        int draw = selection == PreferenceConfig.QuerySelection.DISAGREEMENT ? count * config.oversampling() : count;
        List<Segment[]> pairs = new ArrayList<>(draw);
        for (int i = 0; i < draw; i++) {
            Segment a = recorder.sample(config.fragmentLength(), sampling), b = recorder.sample(config.fragmentLength(), sampling);
            if (a == null || b == null) {
                throw new IllegalStateException("no episode in the last " + config.poolSteps() + " steps is long enough for a "
                        + config.fragmentLength() + "-step clip; shorten fragmentLength or raise poolSteps");
            }
            pairs.add(new Segment[] {a, b});
        }
        if (selection == PreferenceConfig.QuerySelection.RANDOM) return pairs;
        double[] score = new double[pairs.size()];
        Integer[] index = new Integer[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            score[i] = model.disagreement(pairs.get(i)[0], pairs.get(i)[1]);
            index[i] = i;
        }
        Arrays.sort(index, (x, y) -> Double.compare(score[y], score[x]));
        List<Segment[]> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) chosen.add(pairs.get(index[i]));
        return chosen;
    }

    private void renormalise() {
        float[][] steps = recorder.pooledSteps(4_096, sampling);
        model.normalise(steps[0], steps[1], data.hasTerminations());
    }

    private Round evaluate(int round, int labels) {
        PolicyEvaluation.Result eval = PolicyEvaluation.evaluate(learner.policy(), evaluationEnvironment, config.evalEpisodes(), true,
                evaluationSeed, null);
        double train = learner.environment().statistics().totalEpisodes() > 0 ? learner.environment().statistics().meanReturn() : Double.NaN;
        return new Round(round, learner.numTimesteps(), learner.numTimesteps() + initialEnvironmentSteps, labels, 0, 0, Double.NaN,
                eval.meanReturn(), eval.stdReturn(), train, lastStats.loss(), lastStats.accuracy(), model.offset(), model.scale(),
                (System.nanoTime() - startNanos) / 1e9);
    }

    private Round withQueries(Round r, int newLabels, double accuracy) {
        return new Round(r.round(), r.policySteps(), r.environmentSteps(), r.labels(), newLabels, skippedInRound, accuracy,
                r.evalMeanReturn(), r.evalStdReturn(), r.trainEpisodeReturn(), lastStats.loss(), lastStats.accuracy(), model.offset(),
                model.scale(), (System.nanoTime() - startNanos) / 1e9);
    }
}
