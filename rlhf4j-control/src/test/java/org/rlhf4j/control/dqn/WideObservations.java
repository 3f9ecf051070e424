package org.rlhf4j.control.dqn;

import java.util.SplittableRandom;
import org.rlhf4j.control.env.AbstractEnvironment;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.env.StepResult;

/**
 * A test task with observations spread wide (each of 4 components uniform in [-3, 3], drawn afresh
 * every step), so that every ReLU unit of a freshly initialised Q-network is active for some
 * inputs; CartPole's observations start near 0 and leave some units dead for a whole short run.
 * Reward x0 for action 1, -x0 for action 0; episodes are truncated after 20 steps.
 */
final class WideObservations extends AbstractEnvironment {
    private final float[] state = new float[4];

    WideObservations() {
        super("WideObservations", Space.Box.symmetric(3f, 3f, 3f, 3f), new Space.Discrete(2), 20);
    }

    @Override
    protected void sampleInitialState(SplittableRandom random) {
        draw(random);
    }

    private void draw(SplittableRandom random) {
        for (int i = 0; i < state.length; i++) state[i] = (float) random.nextDouble(-3, 3);
    }

    @Override
    protected void writeObservation(float[] observation, int offset) {
        System.arraycopy(state, 0, observation, offset, state.length);
    }

    @Override
    protected void advance(int action, StepResult result) {
        double reward = action == 1 ? state[0] : -state[0];
        draw(random());
        result.set(reward, false, false);
    }
}
