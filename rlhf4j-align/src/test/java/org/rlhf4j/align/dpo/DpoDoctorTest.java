package org.rlhf4j.align.dpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.run.MetricNames;

/** The doctor on made-up metrics: both log-probs falling (TRL issue #800) is explained and the NLL term suggested; a healthy run says nothing. */
class DpoDoctorTest {
    /** 20 steps: chosen goes from -50 by {@code chosenSlope} per step, rejected from -60 by {@code rejectedSlope}; held-out accuracy 0.7 at the end. */
    private static List<Map<String, Object>> run(double chosenSlope, double rejectedSlope) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 1; s <= 20; s++) {
            rows.add(Map.of("step", s, MetricNames.Dpo.LOGPS_CHOSEN, -50 + chosenSlope * s, MetricNames.Dpo.LOGPS_REJECTED, -60 + rejectedSlope * s));
        }
        rows.add(Map.of("step", 20, "eval/" + MetricNames.Dpo.REWARDS_ACCURACIES, 0.7));
        return rows;
    }

    @Test
    void bothLogProbsFallingIsExplainedWithTheNllTerm() {
        // first tenth (steps 1-2): chosen (-50.75 - 51.5) / 2 = -51.125, rejected (-61.5 - 63) / 2 = -62.25;
        // last tenth (19-20): chosen (-64.25 - 65) / 2 = -64.625, rejected (-88.5 - 90) / 2 = -89.25: both fell more than 1 nat
        List<String> f = DpoDoctor.examine(run(-0.75, -1.5), DpoConfig.defaults().withRpoAlpha(0));
        assertThat(f).hasSize(1);
        assertThat(f.get(0)).contains("both log-probs are falling").contains("logps/chosen -51.1 -> -64.6").contains("logps/rejected -62.3 -> -89.3").contains("TRL issue #800").contains("--rpo-alpha 1,");
        // With the NLL term already on, the doctor asks for more of it.
        assertThat(DpoDoctor.examine(run(-0.75, -1.5), DpoConfig.defaults().withRpoAlpha(1)).get(0)).contains("raise --rpo-alpha above 1.0");
    }

    @Test
    void aChosenLogProbThatHoldsIsHealthy() {
        assertThat(DpoDoctor.examine(run(0.0, -1.5), DpoConfig.defaults())).isEmpty();
    }
}
