package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaeTest {
    private static final float EPS = 1e-6f;

    /**
     * T = 3, N = 1, gamma 0.99, lambda 0.95 (gamma * lambda = 0.9405); rewards (1, 1, 1), values
     * (0.5, 0.4, 0.3), V(s_3) = 0.2, the episode still running.
     * t=2: delta = 1 + 0.99*0.2 - 0.3 = 0.898;                     A = 0.898
     * t=1: delta = 1 + 0.99*0.3 - 0.4 = 0.897; A = 0.897 + 0.9405*0.898    = 1.741569
     * t=0: delta = 1 + 0.99*0.4 - 0.5 = 0.896; A = 0.896 + 0.9405*1.741569 = 2.533946
     * returns = A + V = (3.033946, 2.141569, 1.198).
     */
    @Test
    void threeStepsMatchHandComputation() {
        Gae.Estimate e = Gae.rollout(new float[] {1, 1, 1}, new float[] {0.5f, 0.4f, 0.3f}, new boolean[3],
                new float[] {0.2f}, new boolean[] {false}, 3, 1, 0.99, 0.95);
        assertThat(e.advantages()).containsExactly(new float[] {2.533946f, 1.741569f, 0.898f}, within(EPS));
        assertThat(e.returns()).containsExactly(new float[] {3.033946f, 2.141569f, 1.198f}, within(EPS));
    }

    /**
     * The same rollout, but the last step ended the episode: V(s_3) is not bootstrapped.
     * t=2: A = 1 - 0.3 = 0.7; t=1: 0.897 + 0.9405*0.7 = 1.55535; t=0: 0.896 + 0.9405*1.55535 = 2.358807.
     */
    @Test
    void lastDoneDropsTheBootstrap() {
        Gae.Estimate e = Gae.rollout(new float[] {1, 1, 1}, new float[] {0.5f, 0.4f, 0.3f}, new boolean[3],
                new float[] {0.2f}, new boolean[] {true}, 3, 1, 0.99, 0.95);
        assertThat(e.advantages()).containsExactly(new float[] {2.358807f, 1.55535f, 0.7f}, within(EPS));
    }

    /**
     * T = 4, N = 2, laid out (T, N); gamma 0.5, lambda 0.5 (gamma * lambda = 0.25).
     * Env 0: rewards (1, 2, 3, 4), values all 1, V(s_4) = 2 not done; episodeStarts[2] = true, so
     * step 1 ended an episode.
     *   t=3: delta = 4 + 0.5*2 - 1 = 4;               A = 4
     *   t=2: delta = 3 + 0.5*1 - 1 = 2.5;             A = 2.5 + 0.25*4 = 3.5
     *   t=1: done, delta = 2 - 1 = 1;                 A = 1        (without the boundary: 2.375)
     *   t=0: delta = 1 + 0.5*1 - 1 = 0.5;             A = 0.5 + 0.25*1 = 0.75
     *   returns A + 1 = (1.75, 2, 4.5, 5).
     * Env 1: rewards all 1, values all 0, last step done; episodeStarts[0] = true, which the
     * recurrence never reads (nothing precedes step 0).
     *   A = (1 + 0.25*1.3125, 1 + 0.25*1.25, 1 + 0.25*1, 1) = (1.328125, 1.3125, 1.25, 1) = returns.
     */
    @Test
    void episodeBoundaryInTheMiddleCutsTheRecurrence() {
        float[] rewards = {1, 1, 2, 1, 3, 1, 4, 1};
        float[] values = {1, 0, 1, 0, 1, 0, 1, 0};
        boolean[] starts = {false, true, false, false, true, false, false, false};
        Gae.Estimate e = Gae.rollout(rewards, values, starts, new float[] {2, 0}, new boolean[] {false, true}, 4, 2, 0.5, 0.5);
        assertThat(e.advantages()).containsExactly(new float[] {0.75f, 1.328125f, 1f, 1.3125f, 3.5f, 1.25f, 4f, 1f}, within(EPS));
        assertThat(e.returns()).containsExactly(new float[] {1.75f, 1.328125f, 2f, 1.3125f, 4.5f, 1.25f, 5f, 1f}, within(EPS));
    }

    /**
     * B = 2, T = 3, gamma 1, lambda 0.95 (TRL's defaults); the value after each response's last
     * token is 0.
     * Row 0, mask (1, 1, 0), rewards (0, 1, 9), values (0.5, 0.6, 7): position 2 is padding and
     * its 9 and 7 must not leak in.
     *   t=1: delta = 1 + 0 - 0.6 = 0.4;       A = 0.4
     *   t=0: delta = 0 + 0.6 - 0.5 = 0.1;     A = 0.1 + 0.95*0.4 = 0.48;   returns (0.98, 1.0, 0)
     * Row 1, mask (1, 1, 1), rewards (0, 0, 1), values (0.2, 0.4, 0.8):
     *   t=2: delta = 1 - 0.8 = 0.2;           A = 0.2
     *   t=1: delta = 0.8 - 0.4 = 0.4;         A = 0.4 + 0.95*0.2 = 0.59
     *   t=0: delta = 0.4 - 0.2 = 0.2;         A = 0.2 + 0.95*0.59 = 0.7605; returns (0.9605, 0.99, 1.0)
     */
    @Test
    void sequencesEndEachResponseWithValueZero() {
        float[] rewards = {0, 1, 9, 0, 0, 1};
        float[] values = {0.5f, 0.6f, 7, 0.2f, 0.4f, 0.8f};
        boolean[] mask = {true, true, false, true, true, true};
        Gae.Estimate e = Gae.sequences(rewards, values, mask, 2, 3, 1.0, 0.95);
        assertThat(e.advantages()).containsExactly(new float[] {0.48f, 0.4f, 0f, 0.7605f, 0.59f, 0.2f}, within(EPS));
        assertThat(e.returns()).containsExactly(new float[] {0.98f, 1.0f, 0f, 0.9605f, 0.99f, 1.0f}, within(EPS));
    }

    /** Full masks (B, T) give the rollout form on the transpose (T, N = B) with V(s_T) = 0 and done. */
    @Test
    void sequencesAgreeWithRolloutOnTheTranspose() {
        int b = 3, t = 5;
        float[] rewards = new float[b * t];
        float[] values = new float[b * t];
        for (int i = 0; i < b * t; i++) {
            rewards[i] = (float) Math.sin(i + 1);
            values[i] = (float) Math.cos(2 * i);
        }
        boolean[] mask = new boolean[b * t];
        java.util.Arrays.fill(mask, true);
        Gae.Estimate seq = Gae.sequences(rewards, values, mask, b, t, 0.97, 0.9);
        Gae.Estimate roll = Gae.rollout(transpose(rewards, b, t), transpose(values, b, t), new boolean[b * t],
                new float[b], new boolean[] {true, true, true}, t, b, 0.97, 0.9);
        assertThat(transpose(roll.advantages(), t, b)).containsExactly(seq.advantages(), within(EPS));
        assertThat(transpose(roll.returns(), t, b)).containsExactly(seq.returns(), within(EPS));
    }

    @Test
    void rejectsOutOfRangeDiscountAndWrongLengths() {
        assertThatThrownBy(() -> Gae.rollout(new float[1], new float[1], new boolean[1], new float[1], new boolean[1], 1, 1, 1.5, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Gae.sequences(new float[4], new float[3], new boolean[4], 2, 2, 1.0, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values must hold sequences x tokens = 4 values, got 3");
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] y = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) y[c * rows + r] = x[r * cols + c];
        }
        return y;
    }
}
