package org.rlhf4j.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LengthHistogramTest {
    /** Lengths 1..100: nearest-rank p50 = the 50th value = 50, p90 = 90, p99 = 99; mean 50.5. */
    @Test
    void smallLengthsAreExact() {
        LengthHistogram h = new LengthHistogram();
        for (int v = 100; v >= 1; v--) h.add(v);
        assertThat(h.stats()).isEqualTo(new LengthStats(100, 50.5, 1, 100, 50, 90, 99));
    }

    @Test
    void emptyHistogram() {
        assertThat(new LengthHistogram().stats()).isEqualTo(LengthStats.EMPTY);
    }

    /** Above 1023 a value lands in a bin whose lower edge is at most 1/512 of the value below it. */
    @Test
    void largeLengthsAreWithinAFifthOfAPercent() {
        for (long v = 1000; v < Integer.MAX_VALUE; v = v * 13 / 10 + 7) {
            int edge = LengthHistogram.lowerEdge(LengthHistogram.bin((int) v));
            assertThat(edge).isLessThanOrEqualTo((int) v);
            assertThat(v - edge).isLessThanOrEqualTo(v / 512);
        }
        assertThat(LengthHistogram.lowerEdge(LengthHistogram.bin(Integer.MAX_VALUE))).isGreaterThan(Integer.MAX_VALUE - Integer.MAX_VALUE / 512);
    }

    /** 90 values of 10 and 10 of 5000: p50 = p90 = 10, p99 = 5000 (a bin edge of 4992..5000, clamped to max 5000 only if above it). */
    @Test
    void quantilesOfASkewedDistribution() {
        LengthHistogram h = new LengthHistogram();
        for (int i = 0; i < 90; i++) h.add(10);
        for (int i = 0; i < 10; i++) h.add(5000);
        LengthStats s = h.stats();
        assertThat(s.p50()).isEqualTo(10);
        assertThat(s.p90()).isEqualTo(10);
        assertThat(s.p99()).isBetween(5000 - 5000 / 512, 5000);
        assertThat(s.max()).isEqualTo(5000);
    }
}
