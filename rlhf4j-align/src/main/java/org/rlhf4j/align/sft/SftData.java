package org.rlhf4j.align.sft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.train.LmBatch;

/**
 * Encoded demonstrations as training rows. A row is {@code contextLength + 1} tokens (inputs are
 * tokens 0..T-1, targets 1..T) with a segment id per input position:
 * <ul>
 *   <li>without packing, one example per row, right-padded (segment 1, padding 0);</li>
 *   <li>with packing, examples are laid end to end (first-fit in the given order) and numbered
 *       1, 2, ... within the row; a target is never the first token of the next example.</li>
 * </ul>
 * Targets are {@link LmBatch#IGNORE} on padding, across example boundaries and, with
 * completion-only loss, on prompt tokens. Examples longer than a row are cut on the right and
 * counted; an example whose prompt alone fills the row has nothing to learn and is skipped.
 */
public final class SftData {
    private final int contextLength;
    private final boolean completionOnly;
    private final boolean packing;
    private final int padId;

    public SftData(int contextLength, boolean completionOnly, boolean packing, int padId) {
        if (contextLength < 2) throw new IllegalArgumentException("contextLength must be >= 2, got " + contextLength);
        this.contextLength = contextLength;
        this.completionOnly = completionOnly;
        this.packing = packing;
        this.padId = padId;
    }

    /** Rows of tokens, loss flags per token (does the token count as a target) and segment ids. */
    public record Rows(List<int[]> tokens, List<boolean[]> lossOn, List<int[]> segments, int truncated, int skipped) {
        public int size() {
            return tokens.size();
        }
    }

    public Rows rows(List<ChatTemplate.Encoded> examples) {
        int width = contextLength + 1, truncated = 0, skipped = 0;
        List<int[]> tokens = new ArrayList<>();
        List<boolean[]> lossOn = new ArrayList<>();
        List<int[]> segments = new ArrayList<>();
        int[] row = null;
        boolean[] flags = null;
        int[] seg = null;
        int used = 0, segment = 0;
        for (ChatTemplate.Encoded e : examples) {
            if (e.prompt().length >= width - 1) {
                skipped++;
                continue;
            }
            int length = Math.min(e.length(), width);
            if (e.length() > width) truncated++;
            if (row == null || !packing || used + length > width) {
                if (row != null) {
                    tokens.add(row);
                    lossOn.add(flags);
                    segments.add(seg);
                }
                row = new int[width];
                Arrays.fill(row, padId);
                flags = new boolean[width];
                seg = new int[width];
                used = 0;
                segment = 0;
            }
            segment++;
            int[] joined = e.joined();
            for (int i = 0; i < length; i++) {
                row[used + i] = joined[i];
                // The first token of an example is never a target: nothing before it in its segment predicts it.
                flags[used + i] = i > 0 && (!completionOnly || i >= e.prompt().length);
                seg[used + i] = segment;
            }
            used += length;
        }
        if (row != null) {
            tokens.add(row);
            lossOn.add(flags);
            segments.add(seg);
        }
        return new Rows(tokens, lossOn, segments, truncated, skipped);
    }

    /** The rows at {@code indices} as one micro-batch (B, contextLength). */
    public LmBatch batch(Rows rows, int[] indices) {
        // Rows are filled from the left: cut the batch to its longest filled row (less padding to compute).
        int filled = 2;
        for (int i : indices) {
            int n = 0;
            for (int s : rows.segments().get(i)) if (s != 0) n++;
            filled = Math.max(filled, n);
        }
        int b = indices.length, t = Math.min(contextLength, filled);
        int[] in = new int[b * t], out = new int[b * t], seg = new int[b * t];
        for (int i = 0; i < b; i++) {
            int[] r = rows.tokens().get(indices[i]);
            boolean[] f = rows.lossOn().get(indices[i]);
            int[] s = rows.segments().get(indices[i]);
            for (int j = 0; j < t; j++) {
                in[i * t + j] = r[j];
                seg[i * t + j] = s[j];
                // target j+1 counts when flagged and in the same (real) segment as input j
                out[i * t + j] = f[j + 1] && s[j + 1] == s[j] && s[j] != 0 ? r[j + 1] : LmBatch.IGNORE;
            }
        }
        return new LmBatch(b, t, in, out, seg);
    }

    /** Endless batches: each epoch visits every row once in a fresh seeded order. */
    public java.util.function.Supplier<LmBatch> epochs(Rows rows, int batchSize, SplittableRandom rng) {
        return new java.util.function.Supplier<>() {
            int[] order = new int[0];
            int at = 0;

            @Override
            public LmBatch get() {
                int[] idx = new int[Math.min(batchSize, rows.size())];
                for (int i = 0; i < idx.length; i++) {
                    if (at >= order.length) {
                        order = org.rlhf4j.core.run.Shuffle.permutation(rows.size(), rng);
                        at = 0;
                    }
                    idx[i] = order[at++];
                }
                return batch(rows, idx);
            }
        };
    }

    /** Consecutive fixed batches over all rows, for evaluation. */
    public List<LmBatch> fixed(Rows rows, int batchSize) {
        List<LmBatch> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            int n = Math.min(batchSize, rows.size() - from);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = from + i;
            out.add(batch(rows, idx));
        }
        return out;
    }

}
