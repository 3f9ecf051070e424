package org.rlhf4j.feedback.stats;

/**
 * A fixed-size log-linear histogram of lengths (HDR-histogram style) for streaming quantiles in
 * bounded memory: one bin per length below 1024, then each octave [2^k, 2^(k+1)) split into 512
 * equal bins, so a bin is at most 1/512 (0.2%) of its values wide. 11,776 counters (94 KB),
 * whatever the number of records.
 */
final class LengthHistogram {
    private static final int EXACT = 1024;          // lengths 0..1023 get a bin each
    private static final int EXACT_BITS = 10;       // EXACT = 2^10
    private static final int SUB_BITS = 9;          // 2^9 = 512 bins per octave above EXACT
    private static final int OCTAVES = 31 - EXACT_BITS;
    private final long[] bins = new long[EXACT + (OCTAVES << SUB_BITS)];
    private long count, sum;
    private int min = Integer.MAX_VALUE, max;

    void add(int length) {
        if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
        bins[bin(length)]++;
        count++;
        sum += length;
        min = Math.min(min, length);
        max = Math.max(max, length);
    }

    LengthStats stats() {
        if (count == 0) return LengthStats.EMPTY;
        return new LengthStats(count, (double) sum / count, min, max, quantile(0.50), quantile(0.90), quantile(0.99));
    }

    /** Nearest-rank quantile: the smallest length whose cumulative count reaches ceil(q n), as its bin's lower edge. */
    int quantile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            seen += bins[i];
            if (seen >= rank) return Math.min(max, Math.max(min, lowerEdge(i)));
        }
        return max;
    }

    static int bin(int length) {
        if (length < EXACT) return length;
        int octave = 31 - Integer.numberOfLeadingZeros(length);        // floor(log2 length) >= 10
        int shift = octave - SUB_BITS;                                  // bin width 2^shift
        int sub = (length - (1 << octave)) >>> shift;                   // 0..511
        return EXACT + ((octave - EXACT_BITS) << SUB_BITS) + sub;
    }

    static int lowerEdge(int bin) {
        if (bin < EXACT) return bin;
        int octave = EXACT_BITS + ((bin - EXACT) >>> SUB_BITS);
        int sub = (bin - EXACT) & ((1 << SUB_BITS) - 1);
        return (1 << octave) + (sub << (octave - SUB_BITS));
    }
}
