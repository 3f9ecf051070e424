package org.rlhf4j.core.io;

/**
 * Conversions between float and the two 16-bit float formats, written out by hand because Java 17
 * has neither ({@code Float.float16ToFloat} arrived in Java 20).
 *
 * <ul>
 *   <li>IEEE 754 binary16 ("half", safetensors F16): 1 sign, 5 exponent (bias 15), 10 mantissa
 *       bits; max 65504, smallest subnormal 2^-24.
 *   <li>bfloat16 (BF16): the top 16 bits of a float; 1 sign, 8 exponent (bias 127), 7 mantissa.
 * </ul>
 *
 * Narrowing rounds to nearest, ties to even (as PyTorch does); NaN stays NaN, overflow becomes
 * infinity, and values below half the smallest subnormal become signed zero.
 */
public final class HalfPrecision {
    private HalfPrecision() {
    }

    /** binary16 bits (in the low 16 bits of {@code bits}) to float; exact for every input. */
    public static float halfBitsToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24; exact in float
            float magnitude = Math.scalb((float) mantissa, -24);
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {
            // infinity (mantissa 0) or NaN (payload kept in the top mantissa bits)
            return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** float to binary16 bits, rounding to nearest even. */
    public static short floatToHalfBits(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7f_ffff;
        if (exponent == 0xff) {
            // keep NaN a NaN even when its payload sits only in the low 13 bits
            int nan = mantissa == 0 ? 0 : 0x200 | (mantissa >>> 13);
            return (short) (sign | 0x7c00 | nan);
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (halfExponent <= 0) {
            return (short) (sign | subnormalHalf(mantissa, halfExponent));
        }
        int half = (halfExponent << 10) | (mantissa >>> 13);
        // a carry out of the mantissa correctly bumps the exponent (and 65520+ becomes infinity)
        return (short) (sign | roundToEven(half, mantissa & 0x1fff, 13));
    }

    private static int subnormalHalf(int mantissa, int halfExponent) {
        if (halfExponent < -10) {
            return 0; // below 2^-25 (float subnormals included): rounds to zero
        }
        int significand = mantissa | 0x80_0000; // 24 bits with the implicit 1
        int shift = 14 - halfExponent; // 14..24
        int kept = significand >>> shift;
        // 0x3ff rounding up to 0x400 is the smallest normal half: the encoding carries over
        return roundToEven(kept, significand & ((1 << shift) - 1), shift);
    }

    /** Adds one to {@code kept} when the dropped low {@code shift} bits are above half, or half and kept is odd. */
    private static int roundToEven(int kept, int dropped, int shift) {
        int halfway = 1 << (shift - 1);
        boolean up = dropped > halfway || (dropped == halfway && (kept & 1) == 1);
        return up ? kept + 1 : kept;
    }

    /** bfloat16 bits to float; exact (bfloat16 is a truncated float). */
    public static float bfloat16BitsToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** float to bfloat16 bits, rounding to nearest even. */
    public static short floatToBfloat16Bits(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040); // quiet NaN, never rounded into infinity
        }
        return (short) (roundToEven(bits >>> 16, bits & 0xffff, 16) & 0xffff);
    }
}
