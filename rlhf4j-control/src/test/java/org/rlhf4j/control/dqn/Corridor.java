package org.rlhf4j.control.dqn;

import java.util.SplittableRandom;
import org.rlhf4j.control.env.AbstractEnvironment;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.env.StepResult;

/**
 * A test task whose episodes are known in advance: observation (position, steps taken), action 1
 * moves right, 0 stays; reaching position 3 terminates with reward 1 (0 otherwise); the time
 * limit truncates after {@code limit} steps. Deterministic.
 */
final class Corridor extends AbstractEnvironment {
    private int position;
    private int steps;

    Corridor(int limit) {
        super("Corridor", Space.Box.symmetric(100f, 100f), new Space.Discrete(2), limit);
    }

    @Override
    protected void sampleInitialState(SplittableRandom random) {
        position = 0;
        steps = 0;
    }

    @Override
    protected void writeObservation(float[] observation, int offset) {
        observation[offset] = position;
        observation[offset + 1] = steps;
    }

    @Override
    protected void advance(int action, StepResult result) {
        position += action;
        steps++;
        result.set(position == 3 ? 1.0 : 0.0, position == 3, false);
    }
}
