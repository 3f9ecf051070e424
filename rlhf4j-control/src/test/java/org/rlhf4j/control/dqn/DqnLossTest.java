package org.rlhf4j.control.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Three transitions, two actions, gamma 0.9; the third terminated (a truncated transition has
 * terminated 0 and bootstraps like the first two):
 * <pre>
 *   i  r  term  Q_target(s',.)  Q_online(s',.)  Q(s,.)     a
 *   0  1  0     (1, 3)          (4, 0)          (3.5, 0)   0
 *   1  0  0     (2, -1)         (1, 2)          (0, 4)     1
 *   2  2  1     (5, 5)          (0, 1)          (0.5, 7)   0
 * </pre>
 * DQN targets r + 0.9 max Q_target: 1 + 2.7 = 3.7, 0 + 1.8 = 1.8, 2 (no bootstrap).
 * d = Q(s, a) - y: -0.2, 2.2, -1.5; Huber: 0.02, 2.2 - 0.5 = 1.7, 1.5 - 0.5 = 1.0;
 * loss (0.02 + 1.7 + 1.0) / 3 = 0.906667; gradient clamp(d, -1, 1) / 3 at the taken actions:
 * (0,0) -0.066667, (1,1) +0.333333, (2,0) -0.333333, zero elsewhere.
 *
 * <p>Double DQN: argmax Q_online(s') = 0, 1, (1); Q_target there = 1, -1: targets 1 + 0.9 = 1.9,
 * 0 - 0.9 = -0.9, 2. d = 1.6, 4.9, -1.5; Huber 1.1, 4.4, 1.0; loss 6.5 / 3 = 2.166667; gradient
 * (0,0) +0.333333, (1,1) +0.333333, (2,0) -0.333333.
 */
class DqnLossTest {
    private static final float[] REWARDS = {1, 0, 2};
    private static final float[] TERMINATED = {0, 0, 1};
    private static final float[] NEXT_Q_TARGET = {1, 3, 2, -1, 5, 5};
    private static final float[] NEXT_Q_ONLINE = {4, 0, 1, 2, 0, 1};
    private static final float[] Q = {3.5f, 0, 0, 4, 0.5f, 7};
    private static final int[] ACTIONS = {0, 1, 0};

    @Test
    void dqnTargetsBootstrapFromTheTargetNetworksMaxUnlessTerminated() {
        float[] targets = DqnLoss.tdTargets(REWARDS, TERMINATED, NEXT_Q_TARGET, null, 2, 0.9);
        assertThat(targets).containsExactly(new float[] {3.7f, 1.8f, 2f}, within(1e-6f));
    }

    @Test
    void doubleDqnTargetsEvaluateTheOnlineArgmaxWithTheTargetNetwork() {
        float[] targets = DqnLoss.tdTargets(REWARDS, TERMINATED, NEXT_Q_TARGET, NEXT_Q_ONLINE, 2, 0.9);
        assertThat(targets).containsExactly(new float[] {1.9f, -0.9f, 2f}, within(1e-6f));
    }

    @Test
    void huberLossAndGradientOnTheTakenActions() {
        DqnLoss.Terms terms = DqnLoss.compute(Q, ACTIONS, REWARDS, TERMINATED, NEXT_Q_TARGET, null, 2, 0.9);
        assertThat(terms.loss()).isCloseTo(2.72 / 3, within(1e-6));
        assertThat(terms.qTaken()).containsExactly(3.5f, 4f, 0.5f);
        assertThat(terms.qGradient()).containsExactly(new float[] {-0.2f / 3, 0, 0, 1f / 3, -1f / 3, 0}, within(1e-6f));
    }

    @Test
    void doubleDqnLossAndGradient() {
        DqnLoss.Terms terms = DqnLoss.compute(Q, ACTIONS, REWARDS, TERMINATED, NEXT_Q_TARGET, NEXT_Q_ONLINE, 2, 0.9);
        assertThat(terms.targets()).containsExactly(new float[] {1.9f, -0.9f, 2f}, within(1e-6f));
        assertThat(terms.loss()).isCloseTo(6.5 / 3, within(1e-6));
        assertThat(terms.qGradient()).containsExactly(new float[] {1f / 3, 0, 0, 1f / 3, -1f / 3, 0}, within(1e-6f));
    }

    /** smooth_l1 with beta 1: at |d| = 1 both branches give 0.5; at d = 0 loss and gradient are 0. */
    @Test
    void huberBranchesMeetAtOne() {
        DqnLoss.Terms terms = DqnLoss.huber(new float[] {1, 0, 5}, new int[] {0, 0, 0}, new float[] {0, 1, 5}, 1);
        // d = 1, -1, 0: losses 0.5, 0.5, 0
        assertThat(terms.loss()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(terms.qGradient()).containsExactly(new float[] {1f / 3, -1f / 3, 0}, within(1e-7f));
    }

    /** Ties go to the lowest action, as torch.argmax: Q_online(s') = (1, 1) picks Q_target(s', 0). */
    @Test
    void doubleDqnArgmaxTiesGoToTheFirstAction() {
        float[] targets = DqnLoss.tdTargets(new float[] {0}, new float[] {0}, new float[] {10, 20}, new float[] {1, 1}, 2, 1.0);
        assertThat(targets).containsExactly(10f);
    }

    @Test
    void rejectsActionsOutsideTheSpace() {
        assertThatThrownBy(() -> DqnLoss.huber(new float[] {0, 0}, new int[] {2}, new float[] {0}, 2))
                .hasMessageContaining("actions[0] = 2").hasMessageContaining("0..1");
    }
}
