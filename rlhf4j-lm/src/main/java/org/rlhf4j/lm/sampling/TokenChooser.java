package org.rlhf4j.lm.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses the next token of one row from its log-probabilities under the temperature-scaled
 * distribution, in plain Java: greedy, top-k, top-p (nucleus) and plain sampling. Copying one row
 * of log-probabilities out of the engine and choosing here costs a few microseconds, where
 * libtorch's multinomial over a 4,096-token vocabulary took about 200 us per call; it also makes
 * sampling exactly reproducible from a Java seed on any device.
 */
public final class TokenChooser {
    private final SamplingConfig config;
    private final SplittableRandom rng;

    public TokenChooser(SamplingConfig config, SplittableRandom rng) {
        this.config = config;
        this.rng = rng;
    }

    /** The chosen token id among {@code logProbs[offset, offset + vocab)}. */
    public int choose(float[] logProbs, int offset, int vocab) {
        return choose(logProbs, null, offset, vocab);
    }

    /**
     * The chosen token id; {@code probs}, if not null, holds {@code exp(logProbs)} computed by the
     * engine (4,096 {@code Math.exp} calls per token cost more than one more native op and copy).
     */
    public int choose(float[] logProbs, float[] probs, int offset, int vocab) {
        if (config.greedy()) return argmax(logProbs, offset, vocab);
        boolean filter = config.topK() > 0 || config.topP() < 1;
        if (!filter) return sampleAll(logProbs, probs, offset, vocab);
        int[] candidates = candidates(logProbs, offset, vocab);
        double[] mass = new double[candidates.length];
        double total = 0;
        for (int i = 0; i < candidates.length; i++) {
            int at = offset + candidates[i];
            total += mass[i] = probs != null ? probs[at] : Math.exp(logProbs[at]);
        }
        int keep = candidates.length;
        if (config.topP() < 1) {
            // Smallest prefix (by descending probability) whose share of the candidates' mass reaches topP.
            double before = 0;
            for (int i = 0; i < candidates.length; i++) {
                if (before / total >= config.topP()) {
                    keep = i;
                    break;
                }
                before += mass[i];
            }
        }
        double kept = 0;
        for (int i = 0; i < keep; i++) kept += mass[i];
        double u = rng.nextDouble() * kept;
        for (int i = 0; i < keep - 1; i++) {
            u -= mass[i];
            if (u < 0) return candidates[i];
        }
        return candidates[keep - 1];
    }

    /** Token ids sorted by descending probability: the top k, or all when only top-p filters. */
    int[] candidates(float[] logProbs, int offset, int vocab) {
        int k = config.topK() > 0 ? Math.min(config.topK(), vocab) : vocab;
        // Sort keys: the float's order-preserving bits, descending, with the id in the low half.
        long[] keys = new long[vocab];
        for (int i = 0; i < vocab; i++) {
            int bits = Float.floatToIntBits(logProbs[offset + i]);
            int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
            keys[i] = ((long) ~ordered << 32) | i;
        }
        if (k < vocab) {
            select(keys, k);
            Arrays.sort(keys, 0, k);
        } else {
            Arrays.sort(keys);
        }
        int[] ids = new int[k];
        for (int i = 0; i < k; i++) ids[i] = (int) keys[i];
        return ids;
    }

    /** Partially orders keys so that the k smallest come first (quickselect). */
    private void select(long[] a, int k) {
        int lo = 0, hi = a.length - 1;
        while (lo < hi) {
            long pivot = a[lo + rng.nextInt(hi - lo + 1)];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    long t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else return;
        }
    }

    private int sampleAll(float[] logProbs, float[] probs, int offset, int vocab) {
        double[] p = new double[vocab];
        double total = 0;
        int last = 0;
        for (int i = 0; i < vocab; i++) {
            p[i] = probs != null ? probs[offset + i] : Math.exp(logProbs[offset + i]);
            total += p[i];
            if (p[i] > 0) last = i;
        }
        double u = rng.nextDouble() * total;   // the float row sums to 1 only up to rounding
        for (int i = 0; i < last; i++) {
            u -= p[i];
            if (u < 0) return i;
        }
        return last;
    }

    private static int argmax(float[] v, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) if (v[offset + i] > v[offset + best]) best = i;
        return best;
    }
}
