package org.rlhf4j.feedback.stats;

/**
 * The distribution of text lengths in characters (UTF-16 code units, {@link String#length()}).
 * Count, mean, min and max are exact; the quantiles come from {@link LengthHistogram}: exact for
 * lengths below 1024, otherwise the lower edge of a bin at most 0.2% (1/512) of the value wide.
 * An empty distribution has count 0, mean NaN and zeros elsewhere.
 */
public record LengthStats(long count, double mean, int min, int max, int p50, int p90, int p99) {
    public static final LengthStats EMPTY = new LengthStats(0, Double.NaN, 0, 0, 0, 0, 0);

    public LengthStats {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
}
