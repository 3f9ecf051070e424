package org.rlhf4j.lm.train;

/**
 * A micro-batch for next-token training, row-major (batch, length). {@code targets[i]} is the
 * token that should follow {@code inputs[i]}, or {@link #IGNORE} where no loss is taken (prompt
 * tokens in SFT, padding). {@code segments} is null for rows that are one causal sequence each;
 * otherwise it gives each position's segment: 0 for padding, and 1, 2, ... for the examples packed
 * into a row. A token attends only to earlier tokens of its own segment and its rotary position
 * counts from the segment's start, so packed examples do not see each other. A padded batch of
 * single examples is the special case of segments 1 (real) and 0 (padding), Hugging Face's
 * {@code attention_mask}.
 */
public record LmBatch(int batch, int length, int[] inputs, int[] targets, int[] segments) {
    /** The target value that excludes a position from the loss (PyTorch's default ignore_index). */
    public static final int IGNORE = -100;

    public LmBatch {
        if (inputs.length != batch * length || targets.length != batch * length) {
            throw new IllegalArgumentException("inputs and targets must hold batch * length = " + batch * length + " ids");
        }
        if (segments != null && segments.length != batch * length) {
            throw new IllegalArgumentException("segments must hold batch * length = " + batch * length + " values");
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

    /** Rotary positions (B*T, row-major): 0, 1, ... from the start of each segment; 0 on padding. */
    public int[] positions() {
        int[] p = new int[batch * length];
        for (int i = 0; i < batch; i++) {
            int at = 0, previous = -1;
            for (int j = 0; j < length; j++) {
                int k = i * length + j, seg = segments == null ? 1 : segments[k];
                if (seg != previous) at = 0;
                p[k] = seg == 0 ? 0 : at++;
                previous = seg;
            }
        }
        return p;
    }

    /** Target tokens that count towards the loss. */
    public int lossTokens() {
        int n = 0;
        for (int t : targets) if (t != IGNORE) n++;
        return n;
    }
}
