package org.rlhf4j.control.preference;

import java.util.ArrayList;
import java.util.List;

/**
 * A clip of {@code length()} consecutive steps from one episode: what a teacher compares
 * (Christiano et al. 2017). Where the episode <em>terminated</em> inside the clip, the steps after
 * the termination are an absorbing state (Kostrikov et al. 2019): no observation, no action,
 * reward 0, so every clip has the same length and "the pole fell after 8 steps" is comparable with
 * "the pole stayed up for 25". Clips never run past a time-limit truncation, which is not part of
 * the task.
 *
 * @param observations (realSteps, observationSize) where each real step's action was taken
 * @param actions      (realSteps, actionSize) as the policy sampled them (a discrete action's index)
 * @param rewards      (length) the environment's true reward per step, 0 after a termination
 * @param realSteps    steps before the termination (= length when the episode went on)
 * @param episode      the recorder's number for the source episode, for diagnostics
 * @param start        the index of the clip's first step within its episode
 */
public record Segment(float[] observations, float[] actions, float[] rewards, int realSteps, int observationSize, int actionSize,
                      long episode, int start) {
    public Segment {
        if (rewards.length < 1) throw new IllegalArgumentException("a segment needs at least one step");
        if (realSteps < 1 || realSteps > rewards.length) {
            throw new IllegalArgumentException("realSteps must be in 1.." + rewards.length + ", got " + realSteps);
        }
        if (observations.length != realSteps * observationSize || actions.length != realSteps * actionSize) {
            throw new IllegalArgumentException("observations and actions must hold " + realSteps + " rows");
        }
    }

    public int length() {
        return rewards.length;
    }

    /** Whether the episode terminated inside the clip (its last steps are the absorbing state). */
    public boolean terminates() {
        return realSteps < rewards.length;
    }

    /** The sum of the environment's rewards over the clip: what a simulated teacher scores. */
    public double trueReturn() {
        double sum = 0;
        for (float r : rewards) sum += r;
        return sum;
    }

    /** The per-step rewards as a list, the item type of {@code Teacher.ofTrajectories}. */
    public List<Double> rewardList() {
        List<Double> list = new ArrayList<>(rewards.length);
        for (float r : rewards) list.add((double) r);
        return list;
    }
}
