package org.rlhf4j.align.bon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BestOfNSelectionTest {
    @Test
    void keepsTheHighestScoresPerPromptEarlierRowFirstOnTies() {
        // prompt 0: rows 0..3 score 0.1, 0.9, 0.5, 0.9 -> best 1 (tie with 3, earlier wins), then 3, then 2
        // prompt 1: rows 4..7 score -1, NaN, -0.5, -2  -> best 6, then 4 (NaN ranks last)
        double[] s = {0.1, 0.9, 0.5, 0.9, -1, Double.NaN, -0.5, -2};
        assertThat(BestOfNSelection.top(s, 4, 1)).isDeepEqualTo(new int[][] {{1}, {6}});
        assertThat(BestOfNSelection.top(s, 4, 3)).isDeepEqualTo(new int[][] {{1, 3, 2}, {6, 4, 7}});
        assertThat(BestOfNSelection.top(s, 4, 4)[1]).containsExactly(6, 4, 7, 5);
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> BestOfNSelection.top(new double[5], 2, 1)).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> BestOfNSelection.top(new double[4], 2, 3)).hasMessageContaining("keep must be in [1, 2]");
        assertThatThrownBy(() -> BestOfNSelection.top(new double[4], 0, 1)).hasMessageContaining("perPrompt");
    }

    @Test
    void klBoundByHand() {
        // n = 1: ln 1 - 0 = 0; n = 2: ln 2 - 1/2 = 0.693147 - 0.5 = 0.193147; n = 16: ln 16 - 15/16 = 2.772589 - 0.9375 = 1.835089
        assertThat(BestOfNSelection.klBound(1)).isEqualTo(0.0);
        assertThat(BestOfNSelection.klBound(2)).isCloseTo(0.193147, within(1e-6));
        assertThat(BestOfNSelection.klBound(16)).isCloseTo(1.835089, within(1e-6));
        assertThatThrownBy(() -> BestOfNSelection.klBound(0)).hasMessageContaining("n must be >= 1");
    }
}
