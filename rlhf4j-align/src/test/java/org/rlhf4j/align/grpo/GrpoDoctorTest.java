package org.rlhf4j.align.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.rlhf4j.align.online.OnlineDoctor;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.rlhf4j.core.run.MetricNames.Grpo;

class GrpoDoctorTest {
    /** 16 steps of healthy metrics, with {@code extra} laid over each step. */
    static List<Map<String, Object>> rows(IntFunction<Map<String, Object>> extra) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int s = 1; s <= 16; s++) {
            Map<String, Object> m = new HashMap<>(Map.of("step", s, Grpo.LOSS, 0.2, Grpo.GRAD_NORM, 0.8, Grpo.FRAC_REWARD_ZERO_STD, 0.0, Grpo.KL, 0.01,
                    Grpo.ENTROPY, 0.7, Grpo.CLIP_RATIO_REGION, 0.01, Grpo.COMPLETIONS_CLIPPED_RATIO, 0.05, Grpo.FIRST_RATIO_ERROR, 0.0, Grpo.COMPLETIONS_MEAN_LENGTH, 60.0));
            m.putAll(extra.apply(s));
            out.add(m);
        }
        return out;
    }

    @Test
    void aZeroLossWithAGradientIsExplainedNotFlagged() {
        OnlineDoctor.Findings f = GrpoDoctor.examine(rows(s -> Map.of(Grpo.LOSS, s % 2 == 0 ? 1e-7 : -1e-7)), List.of(), 1);
        assertThat(f.has("the loss is near zero")).isTrue();
        assertThat(f.text()).contains("TRL issue #2703").contains("ratio is exactly 1").contains("mean 0");
        assertThat(f.alarm()).isFalse();
        // A healthy run with a non-zero loss (beta's KL term, several iterations) gets no note.
        assertThat(GrpoDoctor.examine(rows(s -> Map.of()), List.of(), 1).findings()).isEmpty();
    }

    @Test
    void groupsWithZeroRewardVarianceAreFlagged() {
        assertThat(GrpoDoctor.examine(rows(s -> Map.of(Grpo.FRAC_REWARD_ZERO_STD, 0.75)), List.of(), 1).has("most groups have zero reward variance")).isTrue();
        assertThat(GrpoDoctor.examine(rows(s -> Map.of(Grpo.FRAC_REWARD_ZERO_STD, s == 3 ? 0.25 : 0.0)), List.of(), 1).has("some groups have zero reward variance")).isTrue();
    }

    @Test
    void otherFindings() {
        assertThat(GrpoDoctor.examine(rows(s -> Map.of(Grpo.KL, 0.02 * s)), List.of(), 1).has("KL to the reference running away")).isTrue();
        assertThat(GrpoDoctor.examine(rows(s -> Map.of(Grpo.ENTROPY, 1.0 / s)), List.of(), 1).has("entropy collapse")).isTrue();
        assertThat(GrpoDoctor.examine(rows(s -> Map.of(Grpo.FIRST_RATIO_ERROR, 0.01)), List.of(), 1).has("sampling and training disagree")).isTrue();
        assertThat(GrpoDoctor.examine(rows(s -> Map.of(Grpo.COMPLETIONS_CLIPPED_RATIO, 0.05 * s)), List.of(), 1).has("replies run into max_completion_length")).isTrue();
        List<OnlineEvaluation.Result> hacked = List.of(eval(0, 0.2, 2.8), eval(10, 0.6, 3.1), eval(20, 1.2, 2.6));
        assertThat(GrpoDoctor.examine(rows(s -> Map.of()), hacked, 1).has("reward hacking")).isTrue();
    }

    static OnlineEvaluation.Result eval(int step, double score, double gold) {
        return new OnlineEvaluation.Result(step, score, gold, step * 0.5, 60, 0.95, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
    }
}
