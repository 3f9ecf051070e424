package org.rlhf4j.lm.train;

/**
 * A micro-batch for next-token training, row-major (batch, length). {@code targets[i]} is the
 * token that should follow {@code inputs[i]}, or {@link #IGNORE} where no loss is taken (prompt
 * tokens in SFT, padding). {@code paddingMask} is null for unpadded batches, else 1 for real
 * tokens and 0 for padding.
 */
public record LmBatch(int batch, int length, int[] inputs, int[] targets, int[] paddingMask) {
    /** The target value that excludes a position from the loss (PyTorch's default ignore_index). */
    public static final int IGNORE = -100;

    public LmBatch {
        if (inputs.length != batch * length || targets.length != batch * length) {
            throw new IllegalArgumentException("inputs and targets must hold batch * length = " + batch * length + " ids");
        }
        if (paddingMask != null && paddingMask.length != batch * length) {
            throw new IllegalArgumentException("paddingMask must hold batch * length = " + batch * length + " values");
        }
    }

    /**
     * From token rows of length {@code length + 1} and per-token loss flags: inputs are tokens
     * [0, length), targets tokens [1, length] where the flag of the target token is set.
     */
    public static LmBatch fromSequences(int[][] rows, boolean[][] lossOnTarget) {
        int b = rows.length, t = rows[0].length - 1;
        int[] in = new int[b * t], out = new int[b * t];
        for (int i = 0; i < b; i++) {
            if (rows[i].length != t + 1) throw new IllegalArgumentException("all rows must have the same length");
            for (int j = 0; j < t; j++) {
                in[i * t + j] = rows[i][j];
                out[i * t + j] = lossOnTarget == null || lossOnTarget[i][j + 1] ? rows[i][j + 1] : IGNORE;
            }
        }
        return new LmBatch(b, t, in, out, null);
    }
}
