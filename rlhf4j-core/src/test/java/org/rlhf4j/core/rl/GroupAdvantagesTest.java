package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GroupAdvantagesTest {
    @Test
    void grpoNormalisesWithinEachGroupAndAZeroVarianceGroupGetsZero() {
        // Group 1: rewards 1, 2, 3: mean 2, unbiased std sqrt(((-1)^2 + 0 + 1^2) / 2) = 1,
        //   so advantages (r - 2) / (1 + 1e-4) = -0.99990, 0, +0.99990.
        // Group 2: rewards 4, 4, 4: std 0, every advantage exactly 0 (the group teaches nothing).
        // Group 3: rewards 0, 0, 6: mean 2, std sqrt((4 + 4 + 16) / 2) = sqrt(12) = 3.46410,
        //   so -2 / 3.46420 = -0.57733 twice and 4 / 3.46420 = 1.15467.
        GroupAdvantages.Grouped g = GroupAdvantages.grpo(new double[] {1, 2, 3, 4, 4, 4, 0, 0, 6}, 3, true);
        assertThat(g.advantages()).containsExactly(new float[] {-0.99990f, 0f, 0.99990f, 0f, 0f, 0f, -0.57733f, -0.57733f, 1.15467f}, within(2e-5f));
        assertThat(g.advantages()[3]).isEqualTo(0f);
        assertThat(g.groupStds()).containsExactly(new double[] {1, 0, Math.sqrt(12)}, within(1e-12));
        assertThat(g.zeroStdGroups()).isEqualTo(1);
        assertThat(g.fracZeroStd()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void drGrpoOnlySubtractsTheGroupMean() {
        // scale_rewards off: r - mean. Group 0, 0, 6 -> -2, -2, 4; group 0.1 x 3 -> exactly 0.
        GroupAdvantages.Grouped g = GroupAdvantages.grpo(new double[] {0, 0, 6, 0.1, 0.1, 0.1}, 3, false);
        assertThat(g.advantages()).containsExactly(-2f, -2f, 4f, 0f, 0f, 0f);
        // Each group's advantages sum to 0 in either mode: the reason the surrogate's value is 0 at ratio 1.
    }

    @Test
    void leaveOneOutBaselineIsTheMeanOfTheOthers() {
        // k = 4, rewards 1, 2, 3, 6 (sum 12): baseline of reply i = (12 - r_i) / 3.
        //   1 - 11/3 = -2.66667; 2 - 10/3 = -1.33333; 3 - 9/3 = 0; 6 - 6/3 = 4.
        // k = 2, rewards 5, 1: each is compared with the other: +4, -4.
        assertThat(GroupAdvantages.leaveOneOut(new double[] {1, 2, 3, 6}, 4)).containsExactly(new float[] {-2.66667f, -1.33333f, 0f, 4f}, within(1e-5f));
        assertThat(GroupAdvantages.leaveOneOut(new double[] {5, 1}, 2)).containsExactly(4f, -4f);
        // RLOO's advantage is k / (k - 1) times the group-mean one: 1 - 3 = -2, x 4/3 = -2.66667.
    }

    @Test
    void badInputsAreRefused() {
        assertThatThrownBy(() -> GroupAdvantages.grpo(new double[] {1, 2, 3}, 2, true)).hasMessageContaining("multiple of the group size 2");
        assertThatThrownBy(() -> GroupAdvantages.grpo(new double[] {1, 2}, 1, true)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> GroupAdvantages.leaveOneOut(new double[] {1, Double.NaN}, 2)).hasMessageContaining("not finite");
        assertThatThrownBy(() -> GroupAdvantages.leaveOneOut(new double[0], 2)).hasMessageContaining("non-empty");
    }
}
