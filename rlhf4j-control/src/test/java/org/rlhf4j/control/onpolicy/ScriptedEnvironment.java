package org.rlhf4j.control.onpolicy;

import java.util.SplittableRandom;
import org.rlhf4j.control.env.AbstractEnvironment;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.env.StepResult;

/**
 * A test task whose episodes are known in advance: observation (steps so far, 1), reward 1 per
 * step whatever the action, terminated after {@code terminateAfter} steps (0: never), truncated by
 * the time limit {@code maxEpisodeSteps}.
 */
final class ScriptedEnvironment extends AbstractEnvironment {
    private final int terminateAfter;
    private int steps;

    ScriptedEnvironment(int terminateAfter, int maxEpisodeSteps) {
        super("Scripted-v0", Space.Box.symmetric(100f, 1f), new Space.Discrete(2), maxEpisodeSteps);
        this.terminateAfter = terminateAfter;
    }

    @Override
    protected void sampleInitialState(SplittableRandom random) {
        steps = 0;
    }

    @Override
    protected void writeObservation(float[] observation, int offset) {
        observation[offset] = steps;
        observation[offset + 1] = 1f;
    }

    @Override
    protected void advance(int action, StepResult result) {
        steps++;
        result.set(1.0, terminateAfter > 0 && steps >= terminateAfter, false);
    }
}
