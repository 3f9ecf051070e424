package org.rlhf4j.align.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlhf4j.align.online.OnlineDoctor;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.rlhf4j.core.run.MetricNames.Ppo;

class PpoDoctorTest {
    /** 16 steps of metrics, each from a function of the step. */
    static List<Map<String, Object>> rows(java.util.function.IntFunction<Map<String, Object>> f) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 1; s <= 16; s++) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("step", s, Ppo.KL, 1.0 + 0.1 * s, Ppo.ENTROPY, 40.0, Ppo.RESPONSES_LEN_MEAN, 60.0,
                    Ppo.EOS_RATE, 0.95, Ppo.POLICY_RATIO_MAX, 1.3, Ppo.POLICY_CLIPFRAC, 0.05, Ppo.VAL_VAR_EXPLAINED, 0.4, Ppo.LOSS_VALUE, 0.1,
                    Ppo.MEAN_SCORES, 0.1 * s));
            m.put(Ppo.POLICY_FIRST_RATIO_ERROR, 0.0);
            m.putAll(f.apply(s));
            rows.add(m);
        }
        return rows;
    }

    static OnlineEvaluation.Result eval(int step, double score, double gold) {
        return new OnlineEvaluation.Result(step, score, gold, step * 0.5, 60, 0.95, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
    }

    @Test
    void aHealthyRunHasNothingToReport() {
        OnlineDoctor.Findings f = PpoDoctor.examine(rows(s -> Map.of()), List.of(eval(0, 0, 3.0), eval(8, 0.5, 3.4), eval(16, 1.0, 3.8)));
        assertThat(f.findings()).isEmpty();
        assertThat(f.text()).contains("nothing to report");
    }

    @Test
    void rewardUpWhileGoldFallsIsAnAlarmThatNamesTheBestCheckpoint() {
        OnlineDoctor.Findings f = PpoDoctor.examine(rows(s -> Map.of()), List.of(eval(0, 0, 3.0), eval(8, 0.8, 3.5), eval(16, 2.0, 2.6)));
        assertThat(f.alarm()).isTrue();
        assertThat(f.has("reward hacking")).isTrue();
        assertThat(f.text()).contains("step 8").contains("3.50");
    }

    @Test
    void eachSymptomIsExplained() {
        assertThat(PpoDoctor.examine(rows(s -> Map.of(Ppo.KL, -2.0)), List.of()).has("negative KL")).isTrue();
        assertThat(PpoDoctor.examine(rows(s -> Map.of(Ppo.KL, 10.0 * s)), List.of()).has("exploding KL")).isTrue();
        assertThat(PpoDoctor.examine(rows(s -> Map.of(Ppo.POLICY_RATIO_MAX, 9.0)), List.of()).has("ratios far from 1")).isTrue();
        assertThat(PpoDoctor.examine(rows(s -> Map.of(Ppo.VAL_VAR_EXPLAINED, -0.5)), List.of()).has("value head explains nothing")).isTrue();
        assertThat(PpoDoctor.examine(rows(s -> Map.of(Ppo.LOSS_VALUE, Math.pow(2, s))), List.of()).has("value loss blowing up")).isTrue();
        assertThat(PpoDoctor.examine(rows(s -> Map.of(Ppo.ENTROPY, 40.0 / s)), List.of()).has("entropy collapse")).isTrue();
        OnlineDoctor.Findings longer = PpoDoctor.examine(rows(s -> Map.of(Ppo.RESPONSES_LEN_MEAN, 40.0 + 10 * s)), List.of());
        assertThat(longer.has("response length drifted")).isTrue();
        assertThat(longer.has("reward follows length")).isTrue();
        assertThat(PpoDoctor.examine(rows(s -> Map.of(Ppo.EOS_RATE, 1.0 - 0.05 * s)), List.of()).has("EOS rate falling")).isTrue();
        assertThat(PpoDoctor.examine(rows(s -> Map.of(Ppo.POLICY_FIRST_RATIO_ERROR, 0.01)), List.of()).has("rollout and training disagree")).isTrue();
    }
}
