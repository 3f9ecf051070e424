package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The stepping hot path allocates nothing (measured with the JVM's per-thread allocation counter). */
class AllocationTest {
    private static final int STEPS = 200_000;
    /** 200k steps allocating even 16 bytes each would be 3.2 MB; allow a little noise. */
    private static final long MAX_BYTES = 64 * 1024;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long bytesForSingleEnvSteps(String id) {
        Environment env = Environments.make(id);
        float[] observation = new float[env.observationSize()];
        float[] action = new float[1];
        StepResult result = new StepResult();
        SplittableRandom random = new SplittableRandom(0);
        env.reset(0L, observation);
        int actions = env.actionSpace() instanceof Space.Discrete d ? d.n() : 0;
        long before = allocatedBytes();
        for (int i = 0; i < STEPS; i++) {
            if (actions > 0) {
                env.step(random.nextInt(actions), observation, result);
            } else {
                action[0] = (float) (random.nextDouble() * 4 - 2);
                env.step(action, observation, result);
            }
            if (result.done()) {
                env.reset(observation);
            }
        }
        return allocatedBytes() - before;
    }

    @Test
    void singleEnvironmentsDoNotAllocatePerStep() {
        for (String id : new String[] {"CartPole-v1", "MountainCar-v0", "Acrobot-v1", "Pendulum-v1"}) {
            assertThat(bytesForSingleEnvSteps(id)).as(id).isLessThan(MAX_BYTES);
        }
    }

    @Test
    void vectorEnvironmentDoesNotAllocatePerStep() {
        VectorEnvironment vector = VectorEnvironment.make("CartPole-v1", 8);
        vector.reset(0L);
        int[] actions = new int[8];
        SplittableRandom random = new SplittableRandom(0);
        long before = allocatedBytes();
        for (int i = 0; i < STEPS / 8; i++) {
            for (int c = 0; c < 8; c++) {
                actions[c] = random.nextInt(2);
            }
            vector.step(actions);
        }
        assertThat(allocatedBytes() - before).isLessThan(MAX_BYTES);
    }
}
