package org.rlhf4j.lm.train;

import java.util.SplittableRandom;

/**
 * A tokenised corpus as one stream (documents joined with end-of-sequence tokens, GPT-style
 * packing), split into a training head and a held-out tail. Batches are random windows.
 */
public final class TokenCorpus {
    private final int[] tokens;
    private final int trainEnd;

    /** Holds out the last {@code heldOutFraction} of the stream for evaluation. */
    public TokenCorpus(int[] tokens, double heldOutFraction, int contextLength) {
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) throw new IllegalArgumentException("heldOutFraction must be in (0, 1), got " + heldOutFraction);
        this.tokens = tokens;
        this.trainEnd = (int) (tokens.length * (1 - heldOutFraction));
        int need = contextLength + 1;
        if (trainEnd < need || tokens.length - trainEnd < need) {
            throw new IllegalArgumentException("corpus too small: " + tokens.length + " tokens cannot give training and held-out windows of "
                    + need + " tokens; use a larger corpus or a shorter context");
        }
    }

    public int size() {
        return tokens.length;
    }

    public int trainTokens() {
        return trainEnd;
    }

    /** A random batch of training windows. */
    public LmBatch trainBatch(int batch, int length, SplittableRandom rng) {
        return windows(batch, length, 0, trainEnd, rng);
    }

    /** A random batch of held-out windows. */
    public LmBatch heldOutBatch(int batch, int length, SplittableRandom rng) {
        return windows(batch, length, trainEnd, tokens.length, rng);
    }

    private LmBatch windows(int batch, int length, int from, int to, SplittableRandom rng) {
        int[][] rows = new int[batch][];
        for (int i = 0; i < batch; i++) {
            int start = from + rng.nextInt(to - from - length);
            rows[i] = java.util.Arrays.copyOfRange(tokens, start, start + length + 1);
        }
        return LmBatch.fromSequences(rows, null);
    }
}
