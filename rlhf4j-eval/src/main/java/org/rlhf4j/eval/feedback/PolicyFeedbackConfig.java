package org.rlhf4j.eval.feedback;

/**
 * How to collect feedback on a policy's own replies.
 *
 * @param repliesPerTicket replies sampled per ticket (>= 2); every pair of them is compared
 * @param temperature      sampling temperature (> 0; 1 = the policy's own distribution)
 * @param maxNewTokens     longest reply in tokens
 * @param batchSize        rows per sampling call
 * @param annotators       simulated customers on the panel (ticket i goes to annotator i mod n)
 * @param noise            panel noise level in [0, 1], as {@code rlhf4j data simulate --noise}
 * @param withLogged       also compare two logged replies per ticket, as {@code data simulate} does without a policy
 * @param seed             sampling and panel seed
 */
public record PolicyFeedbackConfig(int repliesPerTicket, double temperature, int maxNewTokens, int batchSize, int annotators, double noise, boolean withLogged, long seed) {
    public PolicyFeedbackConfig {
        if (repliesPerTicket < 2) throw new IllegalArgumentException("repliesPerTicket must be >= 2 (a comparison needs two replies), got " + repliesPerTicket);
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (annotators < 1) throw new IllegalArgumentException("annotators must be >= 1, got " + annotators);
        if (!(noise >= 0 && noise <= 1)) throw new IllegalArgumentException("noise must be in [0, 1], got " + noise);
    }

    /** Two replies at temperature 1, up to 96 tokens, five annotators at noise 0.2 (the demo's panel). */
    public static PolicyFeedbackConfig defaults() {
        return new PolicyFeedbackConfig(2, 1.0, 96, 32, 5, 0.2, false, 1L);
    }

    public PolicyFeedbackConfig withRepliesPerTicket(int k) {
        return new PolicyFeedbackConfig(k, temperature, maxNewTokens, batchSize, annotators, noise, withLogged, seed);
    }

    public PolicyFeedbackConfig withTemperature(double t) {
        return new PolicyFeedbackConfig(repliesPerTicket, t, maxNewTokens, batchSize, annotators, noise, withLogged, seed);
    }

    public PolicyFeedbackConfig withPanel(int n, double noiseLevel) {
        return new PolicyFeedbackConfig(repliesPerTicket, temperature, maxNewTokens, batchSize, n, noiseLevel, withLogged, seed);
    }

    public PolicyFeedbackConfig withLogged(boolean logged) {
        return new PolicyFeedbackConfig(repliesPerTicket, temperature, maxNewTokens, batchSize, annotators, noise, logged, seed);
    }

    public PolicyFeedbackConfig withMaxNewTokens(int n) {
        return new PolicyFeedbackConfig(repliesPerTicket, temperature, n, batchSize, annotators, noise, withLogged, seed);
    }

    public PolicyFeedbackConfig withSeed(long s) {
        return new PolicyFeedbackConfig(repliesPerTicket, temperature, maxNewTokens, batchSize, annotators, noise, withLogged, s);
    }
}
