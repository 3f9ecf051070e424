package org.rlhf4j.lm.sampling;

/**
 * How to sample. {@code temperature == 0} means greedy decoding; {@code topK == 0} and
 * {@code topP == 1} turn those filters off.
 */
public record SamplingConfig(int maxNewTokens, double temperature, int topK, double topP, boolean stopAtEos, long seed) {
    public SamplingConfig {
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be >= 0 and finite, got " + temperature);
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0 (0 = off), got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
    }

    public static SamplingConfig defaults() {
        return new SamplingConfig(64, 1.0, 0, 1.0, true, 0L);
    }

    public static SamplingConfig greedy(int maxNewTokens) {
        return new SamplingConfig(maxNewTokens, 0.0, 0, 1.0, true, 0L);
    }

    public boolean greedy() {
        return temperature == 0;
    }

    public SamplingConfig withSeed(long s) {
        return new SamplingConfig(maxNewTokens, temperature, topK, topP, stopAtEos, s);
    }

    public SamplingConfig withMaxNewTokens(int n) {
        return new SamplingConfig(n, temperature, topK, topP, stopAtEos, seed);
    }
}
