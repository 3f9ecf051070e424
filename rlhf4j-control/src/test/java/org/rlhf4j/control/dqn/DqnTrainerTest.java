package org.rlhf4j.control.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.env.Environments;
import org.rlhf4j.control.env.VectorEnvironment;
import org.rlhf4j.control.nn.Mlp;

class DqnTrainerTest {
    /** Small and quick: training from step 32, 2 gradient steps every 4 env steps, target copy every 8. */
    private static DqnConfig tiny(long seed) {
        return DqnConfig.defaults().toBuilder().netArch(List.of(32, 32)).learningStarts(32).batchSize(16).trainFreq(4)
                .gradientSteps(2).targetUpdateInterval(8).learningRate(1e-3).seed(seed).build();
    }

    /**
     * A short run changes every parameter of a tanh Q-network (TRL-style smoke test) and leaves the
     * loss finite, for DQN and double DQN. Rounds end at 4, 8, ..., 400; training follows the rounds
     * ending at 36 .. 400: 92 rounds x 2 gradient steps.
     */
    @Test
    void aFewUpdatesChangeEveryQNetworkParameter() {
        for (boolean doubleQ : new boolean[] {false, true}) {
            DqnConfig config = tiny(1).toBuilder().doubleQ(doubleQ).activation(Mlp.Activation.TANH).build();
            DqnTrainer trainer = DqnTrainer.create(config, "CartPole-v1");
            float[] before = trainer.qNetwork().mlp().parameters().clone();
            DqnMetrics end = trainer.learn(400);
            assertThat(end.updates()).isEqualTo(184);
            assertThat(end.loss()).isFinite();
            assertThat(unchanged(before, trainer.qNetwork().mlp().parameters()))
                    .as("parameters that did not change (doubleQ %s)", doubleQ).isEmpty();
        }
    }

    /**
     * With ReLU (the default) a unit that is inactive for every input it sees rightly gets no
     * gradient, so "every parameter changed" is not a property of DQN: on CartPole's near-zero
     * observations whole units stay dead, and even on {@link WideObservations} a few rarely
     * active units keep some incoming weights. Here: on wide observations, every layer still has
     * more than 95% of its parameters changed, and every output bias changed.
     */
    @Test
    void reluQNetworkTrainsEveryLayer() {
        VectorEnvironment env = new VectorEnvironment(List.of(new WideObservations()));
        DqnTrainer trainer = new DqnTrainer(tiny(1).toBuilder().batchSize(64).build(), env);
        Mlp mlp = trainer.qNetwork().mlp();
        float[][] weights = new float[3][], biases = new float[3][];
        for (int l = 0; l < 3; l++) {
            weights[l] = mlp.weight(l);
            biases[l] = mlp.bias(l);
        }
        trainer.learn(400);
        for (int l = 0; l < 3; l++) {
            int changed = weights[l].length - unchanged(weights[l], mlp.weight(l)).size()
                    + biases[l].length - unchanged(biases[l], mlp.bias(l)).size();
            assertThat(changed).as("layer %d", l).isGreaterThan((int) (0.95 * (weights[l].length + biases[l].length)));
        }
        assertThat(unchanged(biases[2], mlp.bias(2))).isEmpty();
    }

    private static List<Integer> unchanged(float[] before, float[] after) {
        List<Integer> same = new ArrayList<>();
        for (int i = 0; i < before.length; i++) if (before[i] == after[i]) same.add(i);
        return same;
    }

    /**
     * With trainFreq 1 each round is one step then (after warm-up) training; the target is copied
     * in the step's onStep, before that round's training, so at the end of round t the target
     * equals the online network at the end of round t - 1 when t is a multiple of 8, and is
     * unchanged otherwise.
     */
    @Test
    void targetNetworkChangesOnlyAtTheUpdateInterval() {
        DqnConfig config = tiny(2).toBuilder().trainFreq(1).gradientSteps(1).learningStarts(4).build();
        DqnTrainer trainer = DqnTrainer.create(config, "CartPole-v1");
        List<float[]> online = new ArrayList<>(), target = new ArrayList<>();
        online.add(trainer.qNetwork().mlp().parameters().clone());
        target.add(trainer.targetNetwork().mlp().parameters().clone());
        assertThat(target.get(0)).containsExactly(online.get(0));
        trainer.addListener(new DqnListener() {
            @Override
            public void onRoundEnd(long steps, QNetwork q) {
                online.add(q.mlp().parameters().clone());
                target.add(trainer.targetNetwork().mlp().parameters().clone());
            }
        });
        trainer.learn(40);
        int copies = 0;
        for (int t = 1; t <= 40; t++) {
            if (t % 8 == 0) {
                assertThat(target.get(t)).as("target after step %d", t).containsExactly(online.get(t - 1));
                assertThat(Arrays.equals(target.get(t), target.get(t - 1))).as("target moved at step %d", t).isFalse();
                copies++;
            } else {
                assertThat(target.get(t)).as("target after step %d", t).containsExactly(target.get(t - 1));
            }
        }
        assertThat(copies).isEqualTo(5);
    }

    /** tau < 1: target <- (1 - tau) target + tau online at each update. */
    @Test
    void softTargetUpdateIsPolyakAveraging() {
        QNetwork online = QNetwork.initialised(4, List.of(8), 2, tiny(0).activation(), new java.util.SplittableRandom(1));
        QNetwork target = QNetwork.initialised(4, List.of(8), 2, tiny(0).activation(), new java.util.SplittableRandom(2));
        float[] t0 = target.mlp().parameters().clone(), o = online.mlp().parameters();
        target.polyakUpdate(online, 0.25);
        for (int i = 0; i < t0.length; i++) {
            assertThat(target.mlp().parameters()[i]).isEqualTo(t0[i] * 0.75f + o[i] * 0.25f);
        }
    }

    @Test
    void noTrainingUntilMoreThanLearningStartsSteps() {
        DqnTrainer trainer = DqnTrainer.create(tiny(3).toBuilder().learningStarts(20).build(), "CartPole-v1");
        List<long[]> rounds = new ArrayList<>();
        trainer.addListener(new DqnListener() {
            @Override
            public void onRoundEnd(long steps, QNetwork q) {
                rounds.add(new long[] {steps, trainer.updates()});
            }
        });
        trainer.learn(32);
        // rounds end at 4..32; SB3 trains when num_timesteps > learning_starts: at 24, 28, 32
        assertThat(rounds).extracting(r -> r[1]).containsExactly(0L, 0L, 0L, 0L, 0L, 2L, 4L, 6L);
    }

    @Test
    void gradientStepsMinusOneTrainsOncePerEnvironmentStepCollected() {
        DqnConfig config = tiny(4).toBuilder().gradientSteps(-1).nEnvs(2).trainFreq(3).learningStarts(0).build();
        DqnTrainer trainer = DqnTrainer.create(config, "CartPole-v1");
        DqnMetrics end = trainer.learn(12);
        // 2 rounds of 3 vector steps x 2 copies = 6 env steps each: 12 steps, 12 updates
        assertThat(end.totalTimesteps()).isEqualTo(12);
        assertThat(end.updates()).isEqualTo(12);
        assertThat(trainer.replaySize()).isEqualTo(12);
    }

    @Test
    void sameSeedGivesIdenticalMetricsAndParameters() {
        List<DqnMetrics> first = new ArrayList<>(), second = new ArrayList<>(), other = new ArrayList<>();
        float[] p1 = run(5, first), p2 = run(5, second), p3 = run(6, other);
        assertThat(first).hasSizeGreaterThan(5);
        assertThat(second).isEqualTo(first);
        assertThat(p2).containsExactly(p1);
        assertThat(other).isNotEqualTo(first);
    }

    private static float[] run(long seed, List<DqnMetrics> logs) {
        DqnTrainer trainer = DqnTrainer.create(tiny(seed).toBuilder().doubleQ(true).nEnvs(2).build(), "CartPole-v1");
        trainer.addListener(new DqnListener() {
            @Override
            public void onLog(DqnMetrics metrics) {
                logs.add(metrics.withoutTiming());
            }
        });
        logs.add(trainer.learn(600).withoutTiming());
        return trainer.qNetwork().mlp().parameters().clone();
    }

    @Test
    void metricsUseStableBaselines3Names() {
        List<DqnMetrics> logs = new ArrayList<>();
        DqnTrainer trainer = DqnTrainer.create(tiny(7), "CartPole-v1");
        trainer.addListener(new DqnListener() {
            @Override
            public void onLog(DqnMetrics metrics) {
                logs.add(metrics);
            }
        });
        trainer.learn(300);
        DqnMetrics last = logs.get(logs.size() - 1);
        assertThat(last.episodes() % 4).isZero();   // logged every logInterval = 4 episodes
        assertThat(last.asMap()).containsOnlyKeys("rollout/ep_rew_mean", "rollout/ep_len_mean", "rollout/exploration_rate",
                "time/episodes", "time/fps", "time/time_elapsed", "time/total_timesteps", "train/learning_rate", "train/loss",
                "train/n_updates");
        assertThat(last.episodeRewardMean()).isEqualTo(last.episodeLengthMean());   // CartPole: reward 1 per step
        assertThat(last.learningRate()).isEqualTo(1e-3);
    }

    @Test
    void greedyEvaluationIsDeterministic() {
        DqnTrainer trainer = DqnTrainer.create(tiny(8), "CartPole-v1");
        trainer.learn(200);
        GreedyEvaluation.Result a = trainer.evaluate(Environments.make("CartPole-v1"), 5, 99);
        GreedyEvaluation.Result b = trainer.evaluate(Environments.make("CartPole-v1"), 5, 99);
        assertThat(a.returns()).containsExactly(b.returns());
        assertThat(a.returns()).hasSize(5);
        assertThat(Arrays.stream(a.returns()).boxed()).allMatch(r -> r >= 1 && r <= 500);
        double mean = Arrays.stream(a.returns()).average().orElseThrow();
        assertThat(a.meanReturn()).isEqualTo(mean);
    }

    @Test
    void periodicEvaluationRunsOnScheduleAndCanStopTraining() {
        DqnTrainer trainer = DqnTrainer.create(tiny(9), "CartPole-v1");
        PeriodicEvaluation evaluation = new PeriodicEvaluation(Environments.make("CartPole-v1"), 100, 2, 0);
        trainer.addListener(evaluation);
        trainer.learn(400);
        assertThat(evaluation.points()).extracting(PeriodicEvaluation.Point::timesteps).containsExactly(100L, 200L, 300L, 400L);
        assertThat(evaluation.best()).isPresent();

        DqnTrainer stopped = DqnTrainer.create(tiny(9), "CartPole-v1");
        stopped.addListener(new PeriodicEvaluation(Environments.make("CartPole-v1"), 100, 2, 0).stopAt(0, stopped));
        assertThat(stopped.learn(400).totalTimesteps()).isEqualTo(100);
    }

    @Test
    void rejectsMismatchedOrContinuousEnvironments() {
        assertThatThrownBy(() -> new DqnTrainer(tiny(0), VectorEnvironment.make("CartPole-v1", 2)))
                .hasMessageContaining("nEnvs is 1").hasMessageContaining("2 copies");
        assertThatThrownBy(() -> DqnTrainer.create(tiny(0), "Pendulum-v1")).hasMessageContaining("discrete action space");
    }

    @Test
    void learnRunsOnce() {
        DqnTrainer trainer = DqnTrainer.create(tiny(0), "CartPole-v1");
        trainer.learn(8);
        assertThatThrownBy(() -> trainer.learn(8)).isInstanceOf(IllegalStateException.class);
    }
}
