package org.rlhf4j.reward.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairMetricsTest {
    @Test
    void accuracyCountsExactTiesAsHalf() {
        // pairs: 2>1 right, 0<1 wrong, 3=3 half, 5>4 right -> 2.5 / 4 = 0.625
        assertThat(PairMetrics.accuracy(new double[] {2, 0, 3, 5}, new double[] {1, 1, 3, 4})).isEqualTo(0.625);
        assertThat(PairMetrics.accuracy(new double[0], new double[0])).isNaN();
    }

    @Test
    void expectedCalibrationErrorByHand() {
        // 4 bins. Predictions 0.1, 0.2 (bin 0), 0.6 (bin 2), 0.9, 1.0 (bin 3); outcomes F, T, T, T, F.
        // bin 0: mean p 0.15, observed 0.5, |diff| 0.35, weight 2/5 -> 0.14
        // bin 2: 0.6 vs 1 -> 0.4 * 1/5 = 0.08
        // bin 3: 0.95 vs 0.5 -> 0.45 * 2/5 = 0.18          ECE = 0.14 + 0.08 + 0.18 = 0.40
        double[] p = {0.1, 0.2, 0.6, 0.9, 1.0};
        boolean[] o = {false, true, true, true, false};
        assertThat(PairMetrics.expectedCalibrationError(p, o, 4)).isCloseTo(0.40, within(1e-12));
        PairMetrics.Reliability r = PairMetrics.reliability(p, o, 4);
        assertThat(r.counts()).containsExactly(2, 0, 1, 2);
        assertThat(r.observed()[1]).isNaN();
    }

    @Test
    void symmetrisedCalibrationOfAPerfectlyCalibratedModelIsZeroInTheLimit() {
        // One pair with gap 0: p = 0.5 twice with outcomes T and F -> bin [0.5, 0.6): mean 0.5, observed 0.5 -> ECE 0.
        double[] p = PairMetrics.symmetrisedPredictions(new double[] {0.3}, new double[] {0.3});
        assertThat(p).containsExactly(0.5, 0.5);
        assertThat(PairMetrics.expectedCalibrationError(p, PairMetrics.symmetrisedOutcomes(1), 10)).isEqualTo(0);
        // Gap ln 3: sigmoid = 0.75; predictions 0.75 (T) and 0.25 (F): each bin off by 0.25 -> ECE 0.25.
        double[] q = PairMetrics.symmetrisedPredictions(new double[] {Math.log(3)}, new double[] {0});
        assertThat(q[0]).isCloseTo(0.75, within(1e-12));
        assertThat(PairMetrics.expectedCalibrationError(q, PairMetrics.symmetrisedOutcomes(1), 10)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void pearsonAndQuantilesByHand() {
        // x 1,2,3; y 2,4,7: means 2, 13/3; sxy = (-1)(-7/3) + 0 + (1)(8/3) = 5; sxx = 2; syy = 49/9 + 1/9 + 64/9 = 114/9
        // r = 5 / sqrt(2 * 12.6667) = 5 / 5.033223 = 0.993399
        assertThat(PairMetrics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7})).isCloseTo(0.993399, within(1e-6));
        assertThat(PairMetrics.pearson(new double[] {1, 1}, new double[] {2, 3})).isNaN();
        // 10, 20, 30, 40: q 0.5 -> pos 1.5 -> 25; q 0.1 -> pos 0.3 -> 13
        assertThat(PairMetrics.quantile(new double[] {40, 10, 30, 20}, 0.5)).isEqualTo(25);
        assertThat(PairMetrics.quantile(new double[] {40, 10, 30, 20}, 0.1)).isCloseTo(13, within(1e-12));
    }
}
