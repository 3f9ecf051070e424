package org.rlhf4j.control.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.env.VectorEnvironment;

class ReplayBufferTest {

    /** Steps {@code env} with {@code action} for every copy and stores the transition, as the trainer does. */
    private static float[] step(VectorEnvironment env, ReplayBuffer buffer, float[] observations, int action) {
        int[] actions = new int[env.numEnvs()];
        java.util.Arrays.fill(actions, action);
        env.step(actions);
        buffer.add(observations, actions, env);
        return env.observations().clone();
    }

    private static ReplayBuffer.Batch transition(ReplayBuffer buffer, int slot, int copy) {
        ReplayBuffer.Batch one = new ReplayBuffer.Batch(1, 2);
        buffer.copyTransition(slot, copy, one, 0);
        return one;
    }

    /**
     * Corridor with time limit 4. Episode 1: right, right, right: terminated at position 3 on step 3.
     * Episode 2: stay x4: truncated at step 4 in position 0. Episode 3: stay, right, right, right:
     * position 3 on step 4, terminated and truncated at once.
     */
    @Test
    void terminationStopsBootstrappingTruncationDoesNotAndNextObservationIsTheFinalOne() {
        VectorEnvironment env = new VectorEnvironment(List.of(new Corridor(4)));
        ReplayBuffer buffer = new ReplayBuffer(100, 1, 2);
        float[] obs = env.reset(0).clone();
        for (int i = 0; i < 3; i++) obs = step(env, buffer, obs, 1);
        for (int i = 0; i < 4; i++) obs = step(env, buffer, obs, 0);
        obs = step(env, buffer, obs, 0);
        for (int i = 0; i < 3; i++) obs = step(env, buffer, obs, 1);
        assertThat(buffer.size()).isEqualTo(11);

        // slot 1: a middle step: next observation (2, 2), not terminated
        ReplayBuffer.Batch mid = transition(buffer, 1, 0);
        assertThat(mid.observations).containsExactly(1, 1);
        assertThat(mid.nextObservations).containsExactly(2, 2);
        assertThat(mid.terminated).containsExactly(0);

        // slot 2: terminated: next observation is the final (3, 3), not the reset (0, 0); reward 1
        ReplayBuffer.Batch end = transition(buffer, 2, 0);
        assertThat(end.nextObservations).containsExactly(3, 3);
        assertThat(end.rewards).containsExactly(1);
        assertThat(end.terminated).containsExactly(1);

        // slot 6: truncated by the time limit: stored as not terminated (bootstraps), next = final (0, 4)
        ReplayBuffer.Batch cut = transition(buffer, 6, 0);
        assertThat(cut.observations).containsExactly(0, 3);
        assertThat(cut.nextObservations).containsExactly(0, 4);
        assertThat(cut.terminated).containsExactly(0);
        // and the episode after it starts from the reset observation
        assertThat(transition(buffer, 7, 0).observations).containsExactly(0, 0);

        // slot 10: terminated and truncated on the same step: terminated wins (SB3: done * (1 - timeout))
        ReplayBuffer.Batch both = transition(buffer, 10, 0);
        assertThat(both.nextObservations).containsExactly(3, 4);
        assertThat(both.terminated).containsExactly(1);
    }

    @Test
    void capacityIsPerCopyAndTheRingOverwritesTheOldest() {
        ReplayBuffer buffer = new ReplayBuffer(5, 2, 1);  // SB3: max(5 // 2, 1) = 2 slots of 2 copies
        assertThat(buffer.capacity()).isEqualTo(2);
        for (int t = 0; t < 3; t++) {
            buffer.add(new float[] {10 * t, 10 * t + 1}, new float[] {0, 0}, new int[] {0, 1}, new float[] {t, t},
                    new boolean[] {false, false});
        }
        assertThat(buffer.isFull()).isTrue();
        assertThat(buffer.size()).isEqualTo(4);
        // slot 0 now holds step 2 (step 0 overwritten), slot 1 still step 1
        assertThat(transition(buffer, 0, 1).observations[0]).isEqualTo(21);
        assertThat(transition(buffer, 1, 0).observations[0]).isEqualTo(10);
    }

    @Test
    void samplesOnlyStoredSlotsAndIsReproducibleFromTheSeed() {
        ReplayBuffer buffer = new ReplayBuffer(1000, 1, 1);
        for (int t = 0; t < 5; t++) buffer.add(new float[] {t}, new float[] {t + 1}, new int[] {t % 2}, new float[] {t},
                new boolean[] {false});
        ReplayBuffer.Batch a = buffer.sample(200, new SplittableRandom(3));
        ReplayBuffer.Batch b = buffer.sample(200, new SplittableRandom(3));
        assertThat(a.observations).containsExactly(b.observations);
        for (int i = 0; i < 200; i++) {
            assertThat(a.observations[i]).isBetween(0f, 4f);
            assertThat(a.nextObservations[i]).isEqualTo(a.observations[i] + 1);   // rows stay together
            assertThat(a.rewards[i]).isEqualTo(a.observations[i]);
            assertThat(a.actions[i]).isEqualTo((int) a.observations[i] % 2);
        }
        assertThat(a.observations).contains(0f, 1f, 2f, 3f, 4f);
    }

    @Test
    void emptyBufferCannotBeSampled() {
        assertThatThrownBy(() -> new ReplayBuffer(10, 1, 1).sample(1, new SplittableRandom(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    }
}
