package org.rlhf4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rlhf4j.core.io.HalfPrecision.bfloat16BitsToFloat;
import static org.rlhf4j.core.io.HalfPrecision.floatToBfloat16Bits;
import static org.rlhf4j.core.io.HalfPrecision.floatToHalfBits;
import static org.rlhf4j.core.io.HalfPrecision.halfBitsToFloat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class HalfPrecisionTest {

    @Test
    void halfBitsDecodeToHandWorkedValues() {
        assertThat(halfBitsToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(halfBitsToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(halfBitsToFloat((short) 0x7BFF)).isEqualTo(65504f); // (2 - 2^-10) * 2^15
        assertThat(halfBitsToFloat((short) 0x3555)).isEqualTo(0.333251953125f); // (1 + 341/1024) / 4
        assertThat(halfBitsToFloat((short) 0x0001)).isEqualTo(5.9604645e-8f); // 2^-24
        assertThat(halfBitsToFloat((short) 0x03FF)).isEqualTo(1023 * 5.9604645e-8f); // largest subnormal
        assertThat(halfBitsToFloat((short) 0x0400)).isEqualTo(6.1035156e-5f); // 2^-14, smallest normal
        assertThat(halfBitsToFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(halfBitsToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(halfBitsToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(halfBitsToFloat((short) 0x7E00)).isNaN();
        assertThat(halfBitsToFloat((short) 0x7C01)).isNaN();
    }

    @Test
    void floatsNarrowToHalfRoundingToNearestEven() {
        assertThat(floatToHalfBits(1.0f)).isEqualTo((short) 0x3C00);
        assertThat(floatToHalfBits(0.1f)).isEqualTo((short) 0x2E66);
        assertThat(floatToHalfBits(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(floatToHalfBits(65519f)).isEqualTo((short) 0x7BFF); // just below the 65520 midpoint
        assertThat(floatToHalfBits(65520f)).isEqualTo((short) 0x7C00); // tie: rounds to even, i.e. infinity
        assertThat(floatToHalfBits(1e6f)).isEqualTo((short) 0x7C00);
        assertThat(floatToHalfBits(-1e6f)).isEqualTo((short) 0xFC00);
        assertThat(floatToHalfBits(1 + 0x1p-11f)).isEqualTo((short) 0x3C00); // tie between 0x3C00 and 0x3C01
        assertThat(floatToHalfBits(1 + 3 * 0x1p-11f)).isEqualTo((short) 0x3C02); // tie between 0x3C01 and 0x3C02
        assertThat(floatToHalfBits(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(floatToHalfBits(0x1p-25f)).isEqualTo((short) 0x0000); // tie between 0 and 2^-24
        assertThat(floatToHalfBits(Math.nextUp(0x1p-25f))).isEqualTo((short) 0x0001);
        assertThat(floatToHalfBits(3 * 0x1p-25f)).isEqualTo((short) 0x0002); // tie between 1 and 2 ulps
        assertThat(floatToHalfBits(1023.5f * 0x1p-24f)).isEqualTo((short) 0x0400); // rounds up into the normals
        assertThat(floatToHalfBits(Float.MIN_VALUE)).isEqualTo((short) 0x0000);
        assertThat(floatToHalfBits(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(halfBitsToFloat(floatToHalfBits(Float.NaN))).isNaN();
        assertThat(halfBitsToFloat(floatToHalfBits(Float.intBitsToFloat(0x7F80_0001)))).isNaN(); // payload only in low bits
    }

    @Test
    void bfloat16MatchesHandWorkedValues() {
        assertThat(bfloat16BitsToFloat((short) 0x3F80)).isEqualTo(1.0f);
        assertThat(bfloat16BitsToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(bfloat16BitsToFloat((short) 0x4049)).isEqualTo(3.140625f);
        assertThat(bfloat16BitsToFloat((short) 0x7F80)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(bfloat16BitsToFloat((short) 0x0001)).isEqualTo(Float.intBitsToFloat(0x0001_0000)); // a float subnormal
        assertThat(floatToBfloat16Bits((float) Math.PI)).isEqualTo((short) 0x4049); // 0x40490FDB, low half < 0x8000
        assertThat(floatToBfloat16Bits(1 + 0x1p-8f)).isEqualTo((short) 0x3F80); // 0x3F808000: tie, even stays
        assertThat(floatToBfloat16Bits(1 + 3 * 0x1p-8f)).isEqualTo((short) 0x3F82); // 0x3F818000: tie, odd rounds up
        assertThat(floatToBfloat16Bits(Float.MAX_VALUE)).isEqualTo((short) 0x7F80); // rounds to infinity
        assertThat(bfloat16BitsToFloat(floatToBfloat16Bits(Float.NaN))).isNaN();
        assertThat(bfloat16BitsToFloat(floatToBfloat16Bits(Float.intBitsToFloat(0x7FFF_FFFF)))).isNaN();
    }

    @Test
    void everyHalfDecodesLikeTheTextbookFormulaAndRoundTrips() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float decoded = halfBitsToFloat((short) bits);
            if (((bits >>> 10) & 0x1f) == 0x1f) {
                assertThat(Float.isNaN(decoded) || Float.isInfinite(decoded)).isTrue();
            } else {
                assertThat(decoded).as("0x%04X", bits).isEqualTo((float) textbookHalf(bits));
            }
            if (!Float.isNaN(decoded)) {
                assertThat(floatToHalfBits(decoded)).as("0x%04X", bits).isEqualTo((short) bits);
            }
        }
    }

    @Test
    void everyBfloat16RoundTrips() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float decoded = bfloat16BitsToFloat((short) bits);
            if (!Float.isNaN(decoded)) {
                assertThat(floatToBfloat16Bits(decoded)).as("0x%04X", bits).isEqualTo((short) bits);
            }
        }
    }

    @Property(tries = 2000)
    void narrowingToHalfPicksTheNearestNeighbour(@ForAll @FloatRange(min = -65504f, max = 65504f) float value) {
        short bits = floatToHalfBits(value);
        double error = Math.abs(halfBitsToFloat(bits) - (double) value);
        for (int neighbour : new int[] {bits - 1, bits + 1}) {
            float other = halfBitsToFloat((short) neighbour);
            if (Float.isFinite(other)) {
                assertThat(error).isLessThanOrEqualTo(Math.abs(other - (double) value));
            }
        }
    }

    /** (-1)^s * 2^(e-15) * (1 + m/1024) for normals, (-1)^s * 2^-14 * m/1024 for subnormals. */
    private static double textbookHalf(int bits) {
        int sign = bits >>> 15;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        double magnitude = exponent == 0
                ? Math.pow(2, -14) * mantissa / 1024.0
                : Math.pow(2, exponent - 15) * (1 + mantissa / 1024.0);
        return sign == 1 ? -magnitude : magnitude;
    }
}
