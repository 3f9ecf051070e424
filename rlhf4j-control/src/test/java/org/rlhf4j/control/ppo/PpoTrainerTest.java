package org.rlhf4j.control.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.control.feedback.CartPoleFeedback;
import org.rlhf4j.control.feedback.RewardShaping;
import org.rlhf4j.control.nn.Mlp;
import org.rlhf4j.control.onpolicy.MetricNames;
import org.rlhf4j.control.onpolicy.MetricsSinkListener;
import org.rlhf4j.control.onpolicy.Update;
import org.rlhf4j.control.policy.ActorCriticPolicy;
import org.rlhf4j.control.policy.PolicyFile;
import org.rlhf4j.core.run.MetricsSink;

/** Smoke tests: two updates on small rollouts. */
class PpoTrainerTest {
    /** 2 envs x 16 steps, minibatches of 8, 2 epochs: 8 gradient steps per update. */
    static PpoConfig small() {
        return PpoConfig.defaults().withNEnvs(2).withNSteps(16).withBatchSize(8).withNEpochs(2).withSeed(3);
    }

    static List<Update<? extends PpoMetrics>> learn(PpoTrainer trainer, long steps) {
        List<Update<? extends PpoMetrics>> updates = new ArrayList<>();
        trainer.addListener(updates::add);
        trainer.learn(steps);
        return updates;
    }

    @Test
    void twoUpdatesChangeEveryParameterOfBothNetworks() {
        PpoTrainer trainer = PpoTrainer.create(small(), "CartPole-v1");
        ActorCriticPolicy policy = trainer.policy();
        List<float[]> before = tensors(policy);
        List<Update<? extends PpoMetrics>> updates = learn(trainer, 64);
        assertThat(updates).hasSize(2);
        assertEveryTensorChanged(before, tensors(policy));
        PpoMetrics last = updates.get(1).train();
        assertThat(last.nUpdates()).isEqualTo(4);  // SB3 counts epochs
        assertThat(last.epochsRun()).isEqualTo(2);
        assertThat(List.of(last.loss(), last.policyGradientLoss(), last.valueLoss(), last.entropyLoss(), last.approxKl(),
                last.explainedVariance())).allMatch(Double::isFinite);
        assertThat(last.entropyLoss()).isBetween(-Math.log(2), 0.0);
        assertThat(last.learningRate()).isEqualTo(3e-4);
    }

    @Test
    void gaussianPolicyTrainsLogStdToo() {
        PpoTrainer trainer = PpoTrainer.create(small(), "Pendulum-v1");
        List<float[]> before = tensors(trainer.policy());
        before.add(trainer.policy().logStd().clone());
        List<Update<? extends PpoMetrics>> updates = learn(trainer, 64);
        List<float[]> after = tensors(trainer.policy());
        after.add(trainer.policy().logStd().clone());
        assertEveryTensorChanged(before, after);
        assertThat(updates.get(1).toMap()).containsKey(MetricNames.TRAIN_STD);
    }

    @Test
    void reportsStableBaselines3MetricNames() {
        List<Update<? extends PpoMetrics>> updates = learn(PpoTrainer.create(small(), "CartPole-v1"), 160);
        Map<String, Number> metrics = updates.get(4).toMap();
        assertThat(metrics.keySet()).containsExactlyInAnyOrder(MetricNames.ROLLOUT_EP_REW_MEAN, MetricNames.ROLLOUT_EP_LEN_MEAN,
                MetricNames.TIME_FPS, MetricNames.TIME_ITERATIONS, MetricNames.TIME_ELAPSED, MetricNames.TIME_TOTAL_TIMESTEPS,
                "train/approx_kl", "train/clip_fraction", "train/clip_range", "train/entropy_loss", "train/explained_variance",
                "train/learning_rate", "train/loss", "train/n_updates", "train/policy_gradient_loss", "train/value_loss");
        assertThat(metrics.get(MetricNames.TIME_TOTAL_TIMESTEPS)).isEqualTo(160L);
        assertThat(metrics.get(MetricNames.TIME_ITERATIONS)).isEqualTo(5);
    }

    @Test
    void sameSeedGivesIdenticalMetricsAndAnotherSeedDoesNot() {
        List<Map<String, Number>> first = metricsWithoutTime(small());
        List<Map<String, Number>> second = metricsWithoutTime(small());
        List<Map<String, Number>> other = metricsWithoutTime(small().withSeed(4));
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static List<Map<String, Number>> metricsWithoutTime(PpoConfig config) {
        List<Map<String, Number>> out = new ArrayList<>();
        for (Update<? extends PpoMetrics> update : learn(PpoTrainer.create(config, "CartPole-v1"), 160)) {
            Map<String, Number> map = update.toMap();
            map.remove(MetricNames.TIME_FPS);
            map.remove(MetricNames.TIME_ELAPSED);
            out.add(map);
        }
        return out;
    }

    @Test
    void targetKlStopsTheEpochsEarly() {
        PpoTrainer trainer = PpoTrainer.create(small().withNEpochs(10).withTargetKl(1e-9), "CartPole-v1");
        List<Update<? extends PpoMetrics>> updates = learn(trainer, 64);
        // the first minibatch of an update has ratio 1 (kl 0) and steps; a later one exceeds 1.5e-9 and stops the update
        assertThat(updates.get(0).train().epochsRun()).isEqualTo(1);
        assertThat(updates.get(1).train().nUpdates()).isEqualTo(2);
    }

    @Test
    void schedulesFollowProgressRemaining() {
        PpoConfig config = small().withLearningRate(org.rlhf4j.core.rl.Schedule.linear(1e-3, 0))
                .withClipRange(org.rlhf4j.core.rl.Schedule.linear(0.2, 0));
        List<Update<? extends PpoMetrics>> updates = learn(PpoTrainer.create(config, "CartPole-v1"), 128);
        // progress after each rollout of 32 steps: 0.75, 0.5, 0.25, 0
        assertThat(updates.stream().map(u -> u.train().learningRate()).toList()).containsExactly(7.5e-4, 5e-4, 2.5e-4, 0.0);
        assertThat(updates.get(1).train().clipRange()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(updates.get(3).train().clipRange()).isEqualTo(0.0);
    }

    @Test
    void shapedRewardIsReportedBesideTheTrueReturn() {
        PpoTrainer trainer = PpoTrainer.create(small(), "CartPole-v1");
        trainer.setRewardShaping(RewardShaping.added(CartPoleFeedback.documents()));
        Update<? extends PpoMetrics> last = learn(trainer, 320).get(9);
        // a random policy's pole leans beyond 0.05 rad on many steps, so the shaped return is lower
        assertThat(last.rollout().shapedEpisodeRewardMean()).isLessThan(last.rollout().episodeRewardMean());
        assertThat(last.toMap()).containsKey(MetricNames.ROLLOUT_EP_SHAPED_REW_MEAN);
        assertThat(trainer.shapedStatistics().totalEpisodes()).isEqualTo(trainer.environment().statistics().totalEpisodes());
    }

    @Test
    void writesMetricsJsonlAndSavesAPolicyThatPredictsTheSame(@TempDir Path dir) throws Exception {
        PpoTrainer trainer = PpoTrainer.create(small(), "CartPole-v1");
        try (MetricsSink sink = MetricsSink.open(dir.resolve(MetricsSink.FILE_NAME))) {
            trainer.addListener(new MetricsSinkListener(sink, 1, false));
            trainer.learn(64);
        }
        List<Map<String, Object>> records = MetricsSink.read(dir.resolve(MetricsSink.FILE_NAME));
        assertThat(records).hasSize(2);
        assertThat(records.get(1)).containsEntry("step", 64).containsKey("train/approx_kl").doesNotContainKey(MetricNames.TIME_FPS);

        Path file = PolicyFile.save(trainer.policy(), dir.resolve("policy.safetensors"), Map.of("algorithm", "ppo"));
        ActorCriticPolicy loaded = PolicyFile.load(file);
        float[] obs = {0.01f, -0.2f, 0.03f, 0.4f, -0.02f, 0.1f, -0.05f, -0.3f};
        float[] a = new float[2], b = new float[2];
        trainer.policy().predict(obs, 2, true, null, a);
        loaded.predict(obs, 2, true, null, b);
        assertThat(b).containsExactly(a);
    }

    static List<float[]> tensors(ActorCriticPolicy policy) {
        List<float[]> out = new ArrayList<>();
        for (Mlp net : new Mlp[] {policy.actor(), policy.critic()}) {
            for (int l = 0; l < net.layerCount(); l++) {
                out.add(net.weight(l));
                out.add(net.bias(l));
            }
        }
        return out;
    }

    /** Every weight, bias (and logStd) tensor changed, and nearly every entry (one may round back to its old float). */
    static void assertEveryTensorChanged(List<float[]> before, List<float[]> after) {
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).as("tensor %d", i).isNotEqualTo(before.get(i));
            int changed = 0;
            for (int k = 0; k < before.get(i).length; k++) changed += before.get(i)[k] != after.get(i)[k] ? 1 : 0;
            assertThat(changed).as("entries of tensor %d that changed", i).isGreaterThanOrEqualTo(before.get(i).length * 99 / 100);
        }
    }
}
