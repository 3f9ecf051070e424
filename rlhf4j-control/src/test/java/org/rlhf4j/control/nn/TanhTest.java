package org.rlhf4j.control.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TanhTest {
    @Test
    void closeToMathTanhEverywhere() {
        double maxErr = 0;
        // every float in [-16, 16] with the low 8 mantissa bits cleared, plus the tails
        for (int bits = 0; bits < 0x7f800000; bits += 256) {
            float x = Float.intBitsToFloat(bits);
            if (x > 16) break;
            maxErr = Math.max(maxErr, Math.abs(Tanh.tanh(x) - Math.tanh(x)));
            maxErr = Math.max(maxErr, Math.abs(Tanh.tanh(-x) - Math.tanh(-x)));
        }
        System.out.printf("tanh max|err| vs Math.tanh on [-16, 16]: %.2e%n", maxErr);
        assertTrue(maxErr < 4e-7, "error " + maxErr);
        assertEquals(1f, Tanh.tanh(1e30f), 1e-6);
        assertEquals(-1f, Tanh.tanh(Float.NEGATIVE_INFINITY), 1e-6);
        assertTrue(Float.isNaN(Tanh.tanh(Float.NaN)));
        assertEquals(0f, Tanh.tanh(0f));
    }
}
