package org.rlhf4j.eval.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Best-of-n on hand-made score tables; each expectation enumerated by hand over the subsets. */
class BestOfNTest {
    // By the reward: reply 0 (0.9, gold 2) > reply 2 (0.5, gold 3) > reply 3 (0.3, gold 4) > reply 1 (0.1, gold 5).
    private static final double[] REWARD = {0.9, 0.1, 0.5, 0.3};
    private static final double[] GOLD = {2, 5, 3, 4};

    @Test
    void pickByTheRewardOverAllSubsets() {
        assertThat(BestOfN.expectedPick(REWARD, GOLD, 1)).isCloseTo(3.5, within(1e-12));          // any reply: mean gold
        // pairs {0,1} {0,2} {0,3} -> 2, 2, 2; {1,2} -> 3; {1,3} -> 4; {2,3} -> 3: 16 / 6
        assertThat(BestOfN.expectedPick(REWARD, GOLD, 2)).isCloseTo(16.0 / 6, within(1e-12));
        // triples without reply 0 only: {1,2,3} -> 3; the other three -> 2: 9 / 4
        assertThat(BestOfN.expectedPick(REWARD, GOLD, 3)).isCloseTo(9.0 / 4, within(1e-12));
        assertThat(BestOfN.expectedPick(REWARD, GOLD, 4)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void theOracleRisesWithN() {
        // gold picks the larger: pairs give 5, 5, 5, 4, 4, 3 -> 26 / 6
        assertThat(BestOfN.expectedPick(GOLD, GOLD, 2)).isCloseTo(26.0 / 6, within(1e-12));
        double[] curve = BestOfN.curve(new double[][] {GOLD}, new double[][] {GOLD}, new int[] {1, 2, 4});
        assertThat(curve).containsExactly(new double[] {3.5, 26.0 / 6, 5}, within(1e-12));
    }

    @Test
    void tiedPicksShareTheirMeanGold() {
        // reward ties replies 0 and 1: pairs {0,1} -> (2 + 4) / 2 = 3; {0,2} -> 2; {1,2} -> 4: mean 3
        double[] reward = {1, 1, 0}, gold = {2, 4, 3};
        assertThat(BestOfN.expectedPick(reward, gold, 2)).isCloseTo(3.0, within(1e-12));
        assertThat(BestOfN.expectedPick(reward, gold, 3)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void curveAveragesOverPromptsAndCorrelationIsWithinPrompt() {
        double[][] reward = {REWARD, {1, 2}}, gold = {GOLD, {1, 3}};
        // prompt 2 at n = 2 picks gold 3; at n = 1 its mean is 2
        assertThat(BestOfN.curve(reward, gold, new int[] {1, 2})).containsExactly(new double[] {(3.5 + 2) / 2, (16.0 / 6 + 3) / 2}, within(1e-12));
        // prompt 1: sxy = -1.3, sxx = 0.35, syy = 5 -> r = -1.3 / sqrt(1.75) = -0.983; prompt 2: r = 1
        double r1 = SampleStatistics.pearson(REWARD, GOLD);
        assertThat(BestOfN.meanWithinPromptCorrelation(reward, gold)).isCloseTo((r1 + 1) / 2, within(1e-12));
        assertThat(r1).isLessThan(-0.9);
    }

    @Test
    void nMustFitTheSamples() {
        assertThatThrownBy(() -> BestOfN.expectedPick(REWARD, GOLD, 5)).hasMessageContaining("n must be in [1, 4]");
    }
}
