package org.rlhf4j.eval.policy;

import java.util.List;

/**
 * How to evaluate a policy.
 *
 * @param prompts        at most this many prompts are evaluated (the first of the list)
 * @param temperature    sampling temperature of the evaluated replies (> 0; 1 = the policy's own distribution, as PPO samples)
 * @param greedy         also decode greedily and report those replies
 * @param maxNewTokens   longest reply in tokens
 * @param batchSize      rows per sampling and scoring call
 * @param bestOfN        sizes n of the best-of-n curve, ascending (empty: no best-of-n); N = the largest is sampled per prompt at temperature 1
 * @param bestOfNPrompts prompts the best-of-n curve uses (the first ones)
 * @param sampleRows     replies shown in the report's sample table
 * @param template       chat template the prompts are rendered with (support, hh, chat)
 * @param seed           root of the sampling streams
 */
public record PolicyEvaluationConfig(int prompts, double temperature, boolean greedy, int maxNewTokens, int batchSize, List<Integer> bestOfN,
                                     int bestOfNPrompts, int sampleRows, String template, long seed) {
    public PolicyEvaluationConfig {
        if (prompts < 1) throw new IllegalArgumentException("prompts must be >= 1, got " + prompts);
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be > 0 and finite (greedy replies come with greedy=true), got " + temperature);
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        bestOfN = List.copyOf(bestOfN);
        for (int i = 0; i < bestOfN.size(); i++) {
            if (bestOfN.get(i) < 1) throw new IllegalArgumentException("bestOfN sizes must be >= 1, got " + bestOfN);
            if (i > 0 && bestOfN.get(i) <= bestOfN.get(i - 1)) throw new IllegalArgumentException("bestOfN sizes must be ascending without repeats, got " + bestOfN);
        }
        if (bestOfNPrompts < 1) throw new IllegalArgumentException("bestOfNPrompts must be >= 1, got " + bestOfNPrompts);
        if (sampleRows < 0) throw new IllegalArgumentException("sampleRows must be >= 0, got " + sampleRows);
        java.util.Objects.requireNonNull(template, "template");
    }

    /** 500 prompts at temperature 1 and greedy, 96 new tokens, best-of-n 1-16 on 100 prompts. */
    public static PolicyEvaluationConfig defaults() {
        return new PolicyEvaluationConfig(500, 1.0, true, 96, 32, List.of(1, 2, 4, 8, 16), 100, 8, "support", 1L);
    }

    public PolicyEvaluationConfig withPrompts(int n) {
        return new PolicyEvaluationConfig(n, temperature, greedy, maxNewTokens, batchSize, bestOfN, bestOfNPrompts, sampleRows, template, seed);
    }

    public PolicyEvaluationConfig withTemperature(double t) {
        return new PolicyEvaluationConfig(prompts, t, greedy, maxNewTokens, batchSize, bestOfN, bestOfNPrompts, sampleRows, template, seed);
    }

    public PolicyEvaluationConfig withGreedy(boolean g) {
        return new PolicyEvaluationConfig(prompts, temperature, g, maxNewTokens, batchSize, bestOfN, bestOfNPrompts, sampleRows, template, seed);
    }

    public PolicyEvaluationConfig withMaxNewTokens(int n) {
        return new PolicyEvaluationConfig(prompts, temperature, greedy, n, batchSize, bestOfN, bestOfNPrompts, sampleRows, template, seed);
    }

    public PolicyEvaluationConfig withBestOfN(List<Integer> sizes, int onPrompts) {
        return new PolicyEvaluationConfig(prompts, temperature, greedy, maxNewTokens, batchSize, sizes, onPrompts, sampleRows, template, seed);
    }

    public PolicyEvaluationConfig withSeed(long s) {
        return new PolicyEvaluationConfig(prompts, temperature, greedy, maxNewTokens, batchSize, bestOfN, bestOfNPrompts, sampleRows, template, s);
    }
}
