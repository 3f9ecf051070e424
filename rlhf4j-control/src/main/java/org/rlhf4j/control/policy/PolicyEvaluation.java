package org.rlhf4j.control.policy;

import java.util.SplittableRandom;
import org.rlhf4j.control.env.Environment;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.env.StepResult;

/**
 * Runs whole episodes with a policy and reports their undiscounted returns, as stable-baselines3's
 * {@code evaluate_policy} (deterministic by default there too). Episode {@code k} starts from
 * {@code reset(seed + k)}, so an evaluation is reproducible and independent of training's streams.
 */
public final class PolicyEvaluation {

    /** Returns and lengths of the evaluated episodes, with their mean and (population) standard deviation. */
    public record Result(double[] returns, int[] lengths) {
        public double meanReturn() {
            double sum = 0;
            for (double r : returns) sum += r;
            return sum / returns.length;
        }

        /** numpy's {@code np.std} (population), as SB3 reports {@code std_reward}. */
        public double stdReturn() {
            double mean = meanReturn(), squares = 0;
            for (double r : returns) squares += (r - mean) * (r - mean);
            return Math.sqrt(squares / returns.length);
        }

        public double meanLength() {
            double sum = 0;
            for (int n : lengths) sum += n;
            return sum / lengths.length;
        }
    }

    private PolicyEvaluation() {}

    /**
     * {@code episodes} episodes of {@code environment} (which must be a fresh or finished one; it
     * is reset here) with {@code policy}; {@code random} samples actions when not deterministic.
     */
    public static Result evaluate(ActorCriticPolicy policy, Environment environment, int episodes, boolean deterministic,
                                  long seed, SplittableRandom random) {
        if (episodes < 1) throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        if (!deterministic && random == null) throw new IllegalArgumentException("random must not be null when sampling actions");
        if (environment.observationSize() != policy.observationSize()) {
            throw new IllegalArgumentException(environment.id() + " observes " + environment.observationSize()
                    + " floats but the policy takes " + policy.observationSize());
        }
        boolean discrete = environment.actionSpace() instanceof Space.Discrete;
        float[] observation = new float[environment.observationSize()];
        float[] action = new float[policy.actionSize()];
        StepResult step = new StepResult();
        double[] returns = new double[episodes];
        int[] lengths = new int[episodes];
        for (int k = 0; k < episodes; k++) {
            environment.reset(seed + k, observation);
            do {
                policy.predict(observation, 1, deterministic, random, action);
                if (discrete) {
                    environment.step((int) action[0], observation, step);
                } else {
                    environment.step(action, observation, step);
                }
                returns[k] += step.reward();
                lengths[k]++;
            } while (!step.done());
        }
        return new Result(returns, lengths);
    }
}
