package org.rlhf4j.control.a2c;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.onpolicy.MetricNames;
import org.rlhf4j.control.onpolicy.Update;
import org.rlhf4j.control.ppo.PpoTrainerTestAccess;

/** Smoke tests: two A2C updates. */
class A2cTrainerTest {
    static List<Update<? extends A2cMetrics>> learn(A2cTrainer trainer, long steps) {
        List<Update<? extends A2cMetrics>> updates = new ArrayList<>();
        trainer.addListener(updates::add);
        trainer.learn(steps);
        return updates;
    }

    @Test
    void twoUpdatesChangeEveryParameterWithRmsPropAndWithAdam() {
        for (boolean rmsProp : new boolean[] {true, false}) {
            for (String id : new String[] {"CartPole-v1", "Pendulum-v1"}) {
                A2cTrainer trainer = A2cTrainer.create(A2cConfig.defaults().withNEnvs(2).withSeed(5).withUseRmsProp(rmsProp), id);
                List<float[]> before = PpoTrainerTestAccess.tensors(trainer.policy());
                before.add(trainer.policy().logStd().clone());
                List<Update<? extends A2cMetrics>> updates = learn(trainer, 20);
                assertThat(updates).hasSize(2);
                List<float[]> after = PpoTrainerTestAccess.tensors(trainer.policy());
                after.add(trainer.policy().logStd().clone());
                if (id.startsWith("CartPole")) {
                    before.remove(before.size() - 1);
                    after.remove(after.size() - 1);
                }
                PpoTrainerTestAccess.assertEveryTensorChanged(before, after);
                A2cMetrics last = updates.get(1).train();
                assertThat(last.nUpdates()).isEqualTo(2);
                assertThat(List.of(last.loss(), last.policyLoss(), last.valueLoss(), last.entropyLoss())).allMatch(Double::isFinite);
            }
        }
    }

    @Test
    void reportsTheSb3A2cSubsetOfMetricNames() {
        List<Update<? extends A2cMetrics>> updates = learn(A2cTrainer.create(A2cConfig.defaults().withNEnvs(2), "CartPole-v1"), 200);
        Map<String, Number> metrics = updates.get(updates.size() - 1).toMap();
        assertThat(metrics.keySet()).containsExactlyInAnyOrder(MetricNames.ROLLOUT_EP_REW_MEAN, MetricNames.ROLLOUT_EP_LEN_MEAN,
                MetricNames.TIME_FPS, MetricNames.TIME_ITERATIONS, MetricNames.TIME_ELAPSED, MetricNames.TIME_TOTAL_TIMESTEPS,
                "train/entropy_loss", "train/explained_variance", "train/learning_rate", "train/n_updates", "train/policy_loss",
                "train/value_loss");
    }

    @Test
    void sameSeedGivesIdenticalMetrics() {
        assertThat(metricsWithoutTime(7)).isEqualTo(metricsWithoutTime(7)).isNotEqualTo(metricsWithoutTime(8));
    }

    private static List<Map<String, Number>> metricsWithoutTime(long seed) {
        List<Map<String, Number>> out = new ArrayList<>();
        for (Update<? extends A2cMetrics> update : learn(A2cTrainer.create(A2cConfig.zooCartPole().withSeed(seed), "CartPole-v1"), 2000)) {
            Map<String, Number> map = update.toMap();
            map.remove(MetricNames.TIME_FPS);
            map.remove(MetricNames.TIME_ELAPSED);
            out.add(map);
        }
        return out;
    }
}
