package org.rlhf4j.align.bon;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How best-of-n samples. Names follow TRL's {@code BestOfNSampler} ({@code sample_size},
 * {@code n_candidates}) and generation settings. {@link #defaults()} is the only place defaults live.
 *
 * @param sampleSize   replies sampled per prompt (n); TRL's default is 4, ours 8: on the demo's
 *                     world the reward model's pick keeps gaining gold to about n = 8 (BENCHMARKS.md)
 * @param nCandidates  replies kept per prompt, best first (1: the best only)
 * @param temperature  sampling temperature (> 0; 1 = the policy's own distribution)
 * @param maxNewTokens longest reply in tokens
 * @param batchSize    rows per sampling call
 * @param template     chat template the prompts are rendered with
 * @param seed         root of the sampling stream
 */
public record BestOfNConfig(
        @JsonProperty("sample_size") int sampleSize,
        @JsonProperty("n_candidates") int nCandidates,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("max_new_tokens") int maxNewTokens,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("template") String template,
        @JsonProperty("seed") long seed) {

    public BestOfNConfig {
        if (sampleSize < 1) throw new IllegalArgumentException("sample_size must be >= 1, got " + sampleSize);
        if (nCandidates < 1 || nCandidates > sampleSize) throw new IllegalArgumentException("n_candidates must be in [1, sample_size=" + sampleSize + "], got " + nCandidates);
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        if (template == null || template.isBlank()) throw new IllegalArgumentException("template must be set");
    }

    /** n = 8 at temperature 1, the best one kept, 96 new tokens, batch 32, the support template, seed 0. */
    public static BestOfNConfig defaults() {
        return new BestOfNConfig(8, 1, 1.0, 96, 32, "support", 0L);
    }

    public BestOfNConfig withSampleSize(int n) {
        return new BestOfNConfig(n, Math.min(nCandidates, n), temperature, maxNewTokens, batchSize, template, seed);
    }

    public BestOfNConfig withSeed(long s) {
        return new BestOfNConfig(sampleSize, nCandidates, temperature, maxNewTokens, batchSize, template, s);
    }
}
