package org.rlhf4j.control.dqn;

import java.util.Arrays;
import org.rlhf4j.control.env.Environment;
import org.rlhf4j.control.env.StepResult;

/**
 * Deterministic evaluation of a Q-network: the greedy policy argmax_a Q(s, a) (no exploration)
 * run for whole episodes, as stable-baselines3's {@code evaluate_policy(model, env,
 * n_eval_episodes, deterministic=True)} on one environment. The first episode starts from
 * {@code reset(seed)}, later ones continue the environment's random stream, so the result is a
 * function of the network, the environment and the seed.
 */
public final class GreedyEvaluation {
    private GreedyEvaluation() {}

    /**
     * Returns and lengths of the evaluated episodes; {@code stdReturn} is the population standard
     * deviation (numpy's {@code np.std}, as SB3 reports it).
     */
    public record Result(double meanReturn, double stdReturn, double[] returns, int[] lengths) {
        public double meanLength() {
            return Arrays.stream(lengths).average().orElse(Double.NaN);
        }
    }

    /**
     * Runs {@code episodes} greedy episodes of {@code env} (which it resets) with {@code q}. The
     * episodes must end: use an environment with a time limit (all registered ones have one).
     */
    public static Result evaluate(QNetwork q, Environment env, int episodes, long seed) {
        if (episodes < 1) throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        if (env.observationSize() != q.observationSize()) {
            throw new IllegalArgumentException(env.id() + " has observations of " + env.observationSize()
                    + " floats, the Q-network expects " + q.observationSize());
        }
        float[] observation = new float[env.observationSize()];
        StepResult result = new StepResult();
        double[] returns = new double[episodes];
        int[] lengths = new int[episodes];
        for (int e = 0; e < episodes; e++) {
            if (e == 0) env.reset(seed, observation);
            else env.reset(observation);
            do {
                env.step(q.greedyAction(observation, 0), observation, result);
                returns[e] += result.reward();
                lengths[e]++;
            } while (!result.done());
        }
        double mean = Arrays.stream(returns).average().orElseThrow();
        double variance = Arrays.stream(returns).map(r -> (r - mean) * (r - mean)).sum() / episodes;
        return new Result(mean, Math.sqrt(variance), returns, lengths);
    }
}
