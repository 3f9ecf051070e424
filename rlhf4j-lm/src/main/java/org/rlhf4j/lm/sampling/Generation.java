package org.rlhf4j.lm.sampling;

/**
 * Generated continuations, one row per prompt. {@code tokens[i]} holds the new tokens only
 * (including the end-of-sequence token if one was produced); {@code logProbs[i][j]} is the
 * log-probability of {@code tokens[i][j]} under the temperature-scaled model distribution
 * (greedy decoding: temperature 1).
 */
public record Generation(int[][] tokens, float[][] logProbs, boolean[] stoppedAtEos) {
    public int size() {
        return tokens.length;
    }

    public long totalTokens() {
        long n = 0;
        for (int[] t : tokens) n += t.length;
        return n;
    }
}
