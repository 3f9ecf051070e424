package org.rlhf4j.core.rl;

/**
 * Generalised advantage estimation (Schulman et al. 2015, "High-Dimensional Continuous Control
 * Using Generalized Advantage Estimation", https://arxiv.org/abs/1506.02438).
 *
 * <p>Walking backwards over a trajectory, with {@code d} = 1 where the step ended an episode:
 * <pre>
 *   delta_t = r_t + gamma * V(s_{t+1}) * (1 - d_t) - V(s_t)
 *   A_t     = delta_t + gamma * lambda * (1 - d_t) * A_{t+1}
 *   R_t     = A_t + V(s_t)                       (the TD(lambda) return, the value target)
 * </pre>
 * Both entry points feed this one recurrence; they differ only in how they find each step's
 * successor value and whether an episode ends there.
 *
 * <p><b>Truncation.</b> A time limit is not a termination, but this class cannot tell them apart:
 * the caller adds {@code gamma * V(terminal observation)} to the reward of a truncated step and
 * marks it done, as stable-baselines3's {@code OnPolicyAlgorithm.collect_rollouts} does, so the
 * bootstrap survives the reset.
 *
 * <p>Inputs are float arrays (what a rollout buffer and {@code TensorData.toFloats} hold); the
 * recurrence runs in double and the results are rounded to float once.
 */
public final class Gae {
    private Gae() {}

    /** Advantages and returns, each laid out like the rewards they came from. */
    public record Estimate(float[] advantages, float[] returns) {}

    /**
     * A rollout of {@code steps} x {@code envs}, row-major (T, N), laid out and computed as
     * stable-baselines3's {@code RolloutBuffer.compute_returns_and_advantage}.
     *
     * @param rewards       (T, N) reward of step t in env n (truncation bootstrap already added)
     * @param values        (T, N) V(s_t), the critic's value of the observation acted on at step t
     * @param episodeStarts (T, N) true where s_t is the first observation of an episode, i.e. the
     *                      previous step ended one ({@code episodeStarts[t+1] == dones[t]})
     * @param lastValues    (N) V(s_T) of the observation after the last step
     * @param lastDones     (N) true where the last step ended an episode
     */
    public static Estimate rollout(float[] rewards, float[] values, boolean[] episodeStarts, float[] lastValues,
                                   boolean[] lastDones, int steps, int envs, double gamma, double lambda) {
        checkDiscount(gamma, lambda);
        int n = steps * envs;
        checkLength("rewards", rewards.length, n, "steps x envs");
        checkLength("values", values.length, n, "steps x envs");
        checkLength("episodeStarts", episodeStarts.length, n, "steps x envs");
        checkLength("lastValues", lastValues.length, envs, "envs");
        checkLength("lastDones", lastDones.length, envs, "envs");
        float[] nextValues = new float[n];          // (T, N) V(s_{t+1})
        boolean[] continues = new boolean[n];       // (T, N) 1 - d_t
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < envs; e++) {
                int i = t * envs + e;
                boolean last = t == steps - 1;
                nextValues[i] = last ? lastValues[e] : values[i + envs];
                continues[i] = last ? !lastDones[e] : !episodeStarts[i + envs];
            }
        }
        float[] advantages = new float[n];
        float[] returns = new float[n];
        for (int e = 0; e < envs; e++) {
            recurrence(rewards, values, nextValues, continues, e, envs, steps, gamma, lambda, advantages, returns);
        }
        return new Estimate(advantages, returns);
    }

    /**
     * Token-level GAE for language-model PPO over {@code sequences} x {@code tokens}, row-major
     * (B, T), as TRL's PPO trainer computes it: each response is one episode, and the value after
     * its last token is 0 (the episode ends there). {@code mask} is true on response tokens; each
     * row normally holds one contiguous run, and every run is treated as an episode of its own.
     * Advantages and returns are 0 outside the mask, whatever the rewards and values hold there.
     *
     * @param rewards (B, T) per-token reward, e.g. -klCoefficient * kl plus the score on the last token
     * @param values  (B, T) the value head's estimate at each token
     * @param mask    (B, T) true on response tokens
     */
    public static Estimate sequences(float[] rewards, float[] values, boolean[] mask, int sequences, int tokens,
                                     double gamma, double lambda) {
        checkDiscount(gamma, lambda);
        int n = sequences * tokens;
        checkLength("rewards", rewards.length, n, "sequences x tokens");
        checkLength("values", values.length, n, "sequences x tokens");
        checkLength("mask", mask.length, n, "sequences x tokens");
        float[] nextValues = new float[n];          // (B, T) V at t+1, 0 after a response's last token
        boolean[] continues = new boolean[n];       // (B, T) true unless t is a response's last token
        for (int b = 0; b < sequences; b++) {
            for (int t = 0; t < tokens; t++) {
                int i = b * tokens + t;
                continues[i] = mask[i] && t + 1 < tokens && mask[i + 1];
                nextValues[i] = continues[i] ? values[i + 1] : 0f;
            }
        }
        float[] advantages = new float[n];
        float[] returns = new float[n];
        for (int b = 0; b < sequences; b++) {
            recurrence(rewards, values, nextValues, continues, b * tokens, 1, tokens, gamma, lambda, advantages, returns);
        }
        for (int i = 0; i < n; i++) {
            if (!mask[i]) {
                advantages[i] = 0f;
                returns[i] = 0f;
            }
        }
        return new Estimate(advantages, returns);
    }

    /** One trajectory: {@code length} entries at {@code start + k * stride}, walked backwards. */
    private static void recurrence(float[] rewards, float[] values, float[] nextValues, boolean[] continues,
                                   int start, int stride, int length, double gamma, double lambda,
                                   float[] advantages, float[] returns) {
        double advantage = 0;   // A_{t+1}
        for (int k = length - 1; k >= 0; k--) {
            int i = start + k * stride;
            double notDone = continues[i] ? 1 : 0;
            double delta = rewards[i] + gamma * nextValues[i] * notDone - values[i];
            advantage = delta + gamma * lambda * notDone * advantage;
            advantages[i] = (float) advantage;
            returns[i] = (float) (advantage + values[i]);
        }
    }

    private static void checkDiscount(double gamma, double lambda) {
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        if (!(lambda >= 0 && lambda <= 1)) throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
    }

    private static void checkLength(String name, int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " must hold " + what + " = " + expected + " values, got " + actual);
        }
    }
}
