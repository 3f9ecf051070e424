package org.rlhf4j.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.stats.Agreement.Metric;

class AgreementTest {
    private static final double N = Double.NaN;

    // ---- Cohen ---------------------------------------------------------------------------------

    /**
     * Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, two readers, Yes/No.
     * Both Yes 20, both No 15, A Yes B No 5, A No B Yes 10.
     * p_o = (20 + 15) / 50 = 0.70. Reader A says Yes 25 times, B 30 times:
     * p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50. kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40.
     */
    @Test
    void cohensKappaOfTheGrantProposalExample() {
        assertThat(Agreement.cohensKappa(new long[][] {{20, 5}, {10, 15}})).isCloseTo(0.40, within(1e-12));
    }

    /** Perfect agreement: p_o = 1, p_e = 0.5, kappa = 1. Label arrays give the same table as counting by hand. */
    @Test
    void cohensKappaFromLabels() {
        long[][] table = Agreement.agreementTable(new int[] {0, 1, 0, 1}, new int[] {0, 1, 0, 1}, 2);
        assertThat(table).isEqualTo(new long[][] {{2, 0}, {0, 2}});
        assertThat(Agreement.cohensKappa(table)).isEqualTo(1.0);
    }

    /** Everything in one category: p_o = p_e = 1, kappa = 0/0, reported as NaN. */
    @Test
    void cohensKappaIsNanWhenChanceAgreementIsPerfect() {
        assertThat(Agreement.cohensKappa(new long[][] {{7, 0}, {0, 0}})).isNaN();
    }

    @Test
    void cohensKappaRejectsEmptyOrRaggedTables() {
        assertThatThrownBy(() -> Agreement.cohensKappa(new long[][] {{0, 0}, {0, 0}})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Agreement.cohensKappa(new long[][] {{1, 2}})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
        assertThatThrownBy(() -> Agreement.cohensKappa(new long[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Agreement.agreementTable(new int[] {0, 2}, new int[] {0, 1}, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
    }

    // ---- Fleiss --------------------------------------------------------------------------------

    /**
     * Fleiss (1971) as worked in Wikipedia, "Fleiss' kappa", worked example: 10 items, 14 raters, 5 categories.
     * Column totals 20, 28, 39, 21, 32 of 140: p_j = 0.143, 0.200, 0.279, 0.150, 0.229,
     * P_e = (20^2 + 28^2 + 39^2 + 21^2 + 32^2) / 140^2 = 4170 / 19600 = 0.21276.
     * P_i = (sum_j n_ij^2 - 14) / 182: numerators 182, 46, 56, 80, 60, 84, 44, 32, 52, 52 (sum 688),
     * P = 688 / 1820 = 0.37802. kappa = (0.37802 - 0.21276) / (1 - 0.21276) = 0.20993, i.e. 0.210.
     */
    @Test
    void fleissKappaOfTheFleiss1971Example() {
        long[][] counts = {
            {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
        };
        double pE = 4170.0 / 19600, p = 688.0 / 1820;
        assertThat(Agreement.fleissKappa(counts)).isCloseTo((p - pE) / (1 - pE), within(1e-12)).isCloseTo(0.210, within(5e-4));
    }

    /** For two raters Fleiss' kappa is Scott's pi: table {{20,5},{10,15}} as items: 20 x (2,0), 15 x (0,2), 15 x (1,1).
     *  P = 35/50 = 0.70; p_Yes = (40 + 15) / 100 = 0.55, P_e = 0.55^2 + 0.45^2 = 0.505; pi = 0.195 / 0.495 = 0.39394. */
    @Test
    void fleissKappaForTwoRatersIsScottsPi() {
        long[][] counts = new long[50][];
        for (int i = 0; i < 50; i++) counts[i] = i < 20 ? new long[] {2, 0} : i < 35 ? new long[] {0, 2} : new long[] {1, 1};
        assertThat(Agreement.fleissKappa(counts)).isCloseTo(0.195 / 0.495, within(1e-12));
    }

    @Test
    void fleissKappaDegenerateInput() {
        assertThat(Agreement.fleissKappa(new long[][] {{3, 0}, {3, 0}})).isNaN();
        assertThatThrownBy(() -> Agreement.fleissKappa(new long[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Agreement.fleissKappa(new long[][] {{1, 0}})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 raters");
        assertThatThrownBy(() -> Agreement.fleissKappa(new long[][] {{1, 1}, {2, 1}})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same number of raters");
    }

    // ---- Krippendorff --------------------------------------------------------------------------

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section on the general
     * form: 4 observers x 12 units, values 1-5, with missing data (also on Wikipedia's page).
     * Unit 12 has one value and is not pairable; the rest give n = 40 pairable values,
     * n_1..n_5 = 9, 13, 10, 5, 3, and coincidences o_11..o_55 = 7, 10, 8, 4, 3 on the diagonal,
     * o_12 = o_23 = 4/3, o_13 = o_14 = o_24 = o_34 = 1/3, all others with 5 are 0.
     */
    private static final double[][] KRIPPENDORFF_2011 = {
        {1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N},
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3},
        {N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N},
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N},
    };

    /** Nominal: alpha = 1 - (n - 1)(n - sum o_cc) / (n^2 - sum n_c^2) = 1 - 39 * 8 / (1600 - 384) = 1 - 312/1216 = 0.743. */
    @Test
    void krippendorffNominal() {
        assertThat(Agreement.krippendorffAlpha(KRIPPENDORFF_2011, Metric.NOMINAL)).isCloseTo(1 - 312.0 / 1216, within(1e-12)).isCloseTo(0.743, within(5e-4));
    }

    /**
     * Ordinal: delta_ck = n_c/2 + n_(c+1) + ... + n_(k-1) + n_k/2, so delta^2 for
     * 12: 11^2 = 121, 13: 22.5^2 = 506.25, 14: 30^2 = 900, 15: 34^2 = 1156, 23: 11.5^2 = 132.25,
     * 24: 19^2 = 361, 25: 23^2 = 529, 34: 7.5^2 = 56.25, 35: 11.5^2 = 132.25, 45: 4^2 = 16.
     * Observed, over c < k: (4*121 + 506.25 + 900 + 4*132.25 + 361 + 56.25) / 3 = 2836.5 / 3 = 945.5.
     * Expected, over c < k, sum n_c n_k delta^2 = 14157 + 45562.5 + 40500 + 31212 + 17192.5 + 23465
     * + 20631 + 2812.5 + 3967.5 + 240 = 199740.
     * alpha = 1 - 39 * 945.5 / 199740 = 0.8154 (Krippendorff 2011 reports 0.815).
     */
    @Test
    void krippendorffOrdinal() {
        assertThat(Agreement.krippendorffAlpha(KRIPPENDORFF_2011, Metric.ORDINAL)).isCloseTo(1 - 39 * 945.5 / 199740, within(1e-12)).isCloseTo(0.815, within(5e-4));
    }

    /**
     * Interval: delta^2 = (c - k)^2. Observed over c < k: (4*1 + 4 + 9 + 4*1 + 4 + 1) / 3 = 26/3.
     * Expected over c < k: 117 + 360 + 405 + 432 + 130 + 260 + 351 + 50 + 120 + 15 = 2240.
     * alpha = 1 - 39 * (26/3) / 2240 = 1 - 338/2240 = 0.849 (Krippendorff 2011 reports 0.849).
     */
    @Test
    void krippendorffInterval() {
        assertThat(Agreement.krippendorffAlpha(KRIPPENDORFF_2011, Metric.INTERVAL)).isCloseTo(1 - 338.0 / 2240, within(1e-12)).isCloseTo(0.849, within(5e-4));
    }

    /** The by-unit form (missing values left out) equals the matrix form; singleton units are ignored. */
    @Test
    void krippendorffByUnitMatchesMatrix() {
        List<double[]> units = List.of(
                new double[] {1, 1, 1}, new double[] {2, 2, 3, 2}, new double[] {3, 3, 3, 3}, new double[] {3, 3, 3, 3},
                new double[] {2, 2, 2, 2}, new double[] {1, 2, 3, 4}, new double[] {4, 4, 4, 4}, new double[] {1, 1, 2, 1},
                new double[] {2, 2, 2, 2}, new double[] {5, 5, 5}, new double[] {1, 1}, new double[] {3});
        for (Metric metric : Metric.values()) {
            assertThat(Agreement.krippendorffAlphaByUnit(units, metric)).isCloseTo(Agreement.krippendorffAlpha(KRIPPENDORFF_2011, metric), within(1e-12));
        }
    }

    @Test
    void krippendorffDegenerateInput() {
        assertThat(Agreement.krippendorffAlpha(new double[][] {{2, 2}, {2, 2}}, Metric.NOMINAL)).isNaN();
        assertThatThrownBy(() -> Agreement.krippendorffAlpha(new double[][] {{1, 2}}, Metric.NOMINAL)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 coders");
        assertThatThrownBy(() -> Agreement.krippendorffAlpha(new double[][] {{1, N}, {N, 2}}, Metric.NOMINAL)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 or more values");
        assertThatThrownBy(() -> Agreement.krippendorffAlphaByUnit(List.of(), Metric.ORDINAL)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- Kendall -------------------------------------------------------------------------------

    /** x = 1,2,3,4, y = 1,3,2,4: 5 concordant, 1 discordant (items 2,3), no ties: tau = 4/6. */
    @Test
    void kendallTauWithoutTies() {
        assertThat(Agreement.kendallTauB(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4})).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(Agreement.kendallTauB(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1.0, within(1e-12));
    }

    /**
     * x = 1,1,2,3 and y = 1,2,2,3: of the 6 pairs, (1,2) is tied in x only, (2,3) tied in y only,
     * the other 4 are concordant. tau_b = (4 - 0) / sqrt((6 - 1)(6 - 1)) = 0.8.
     */
    @Test
    void kendallTauBWithTies() {
        assertThat(Agreement.kendallTauB(new double[] {1, 1, 2, 3}, new double[] {1, 2, 2, 3})).isCloseTo(0.8, within(1e-12));
        assertThat(Agreement.kendallTauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    /** Rankings 1,2,3 / 1,2,3 / 1,3,2: taus 1, 1/3, 1/3 (one discordant pair of 3), mean 5/9. */
    @Test
    void meanPairwiseTauOverThreeAnnotators() {
        double[][] rankings = {{1, 2, 3}, {1, 2, 3}, {1, 3, 2}};
        assertThat(Agreement.meanPairwiseTau(rankings)).isCloseTo(5.0 / 9, within(1e-12));
        assertThatThrownBy(() -> Agreement.meanPairwiseTau(new double[][] {{1, 2}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Agreement.kendallTauB(new double[] {1}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
