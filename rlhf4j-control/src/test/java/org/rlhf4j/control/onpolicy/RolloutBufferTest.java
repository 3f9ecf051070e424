package org.rlhf4j.control.onpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RolloutBufferTest {
    /**
     * T = 2, N = 2, gamma = lambda = 0.5.
     * env 0: rewards (1, 1), values (0.5, 0.5), V(s_2) = 1, not done:
     *   t1: delta = 1 + 0.5 * 1 - 0.5 = 1,      A = 1
     *   t0: delta = 1 + 0.5 * 0.5 - 0.5 = 0.75, A = 0.75 + 0.25 * 1 = 1;   returns (1.5, 1.5)
     * env 1: rewards (2, 0), values (1, 0), step 0 ended an episode, the last step too:
     *   t1: A = 0 - 0 = 0;  t0: A = 2 - 1 = 1 (no bootstrap across the episode start); returns (2, 0)
     */
    private static RolloutBuffer handWorked() {
        RolloutBuffer buffer = new RolloutBuffer(2, 2, 1, 1);
        buffer.add(new float[] {10, 20}, new float[] {0, 1}, new float[] {1, 2}, new boolean[] {true, true}, new float[] {0.5f, 1},
                new float[] {-0.1f, -0.2f});
        buffer.add(new float[] {11, 21}, new float[] {1, 0}, new float[] {1, 0}, new boolean[] {false, true}, new float[] {0.5f, 0},
                new float[] {-0.3f, -0.4f});
        buffer.computeReturnsAndAdvantage(new float[] {1, 4}, new boolean[] {false, true}, 0.5, 0.5);
        return buffer;
    }

    @Test
    void computesAdvantagesAndReturnsInTimeMajorLayout() {
        RolloutBuffer buffer = handWorked();
        assertThat(buffer.advantages()).containsExactly(new float[] {1f, 1f, 1f, 0f}, within(1e-6f));
        assertThat(buffer.returns()).containsExactly(new float[] {1.5f, 2f, 1.5f, 0f}, within(1e-6f));
        assertThat(buffer.observations()).containsExactly(10, 20, 11, 21);
    }

    @Test
    void gathersMinibatchRowsInTheGivenOrder() {
        RolloutBuffer.Minibatch batch = handWorked().gather(new int[] {3, 0, 2, 1}, 1, 3);
        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.observations()).containsExactly(10, 11);
        assertThat(batch.actions()).containsExactly(0, 1);
        assertThat(batch.oldLogProbs()).containsExactly(-0.1f, -0.3f);
        assertThat(batch.oldValues()).containsExactly(0.5f, 0.5f);
        assertThat(batch.returns()).containsExactly(1.5f, 1.5f);
        assertThat(handWorked().all().observations()).containsExactly(10, 20, 11, 21);
    }

    @Test
    void refusesToOverfillOrComputeEarly() {
        RolloutBuffer buffer = handWorked();
        assertThatThrownBy(() -> buffer.add(new float[2], new float[2], new float[2], new boolean[2], new float[2], new float[2]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
        buffer.reset();
        assertThat(buffer.full()).isFalse();
        assertThatThrownBy(() -> buffer.computeReturnsAndAdvantage(new float[2], new boolean[2], 0.9, 0.9))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0 of 2");
    }
}
