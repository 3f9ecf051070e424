package org.rlhf4j.control.env;

import java.util.Arrays;
import java.util.Objects;

/**
 * The set of valid observations or actions of an {@link Environment}, after Gymnasium's
 * {@code gymnasium.spaces}. Only the two spaces the classic-control tasks need exist:
 * {@link Discrete} (actions {@code 0..n-1}, given as an {@code int}) and {@link Box}
 * (a float32 vector with per-component bounds, given as a {@code float[]}).
 */
public sealed interface Space permits Space.Discrete, Space.Box {

    /**
     * Number of floats one element of this space occupies in a flat buffer: the vector length
     * of a {@link Box}, and 1 for a {@link Discrete} (its index, stored as a float).
     */
    int flatSize();

    /** The integers {@code 0, 1, ..., n-1}, like {@code gymnasium.spaces.Discrete(n)}. */
    record Discrete(int n) implements Space {
        public Discrete {
            if (n < 1) {
                throw new IllegalArgumentException("Discrete space needs n >= 1, got " + n);
            }
        }

        /** Whether {@code value} is one of {@code 0..n-1}. */
        public boolean contains(int value) {
            return value >= 0 && value < n;
        }

        @Override
        public int flatSize() {
            return 1;
        }

        @Override
        public String toString() {
            return "Discrete(" + n + ")";
        }
    }

    /**
     * A box {@code low[i] <= x[i] <= high[i]} of float32 vectors, like
     * {@code gymnasium.spaces.Box(low, high, dtype=np.float32)}. Bounds may be infinite.
     * The arrays are copied in and out, so a {@code Box} is immutable.
     */
    record Box(float[] low, float[] high) implements Space {
        public Box {
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
            if (low.length != high.length || low.length == 0) {
                throw new IllegalArgumentException("Box needs non-empty low and high of equal length, got "
                        + low.length + " and " + high.length);
            }
            for (int i = 0; i < low.length; i++) {
                if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || low[i] > high[i]) {
                    throw new IllegalArgumentException("Box bound " + i + " is invalid: low " + low[i]
                            + ", high " + high[i]);
                }
            }
            low = low.clone();
            high = high.clone();
        }

        /** A box {@code [-bound[i], bound[i]]} per component, like Gymnasium's {@code Box(-high, high)}. */
        public static Box symmetric(float... bound) {
            float[] low = new float[bound.length];
            for (int i = 0; i < bound.length; i++) {
                low[i] = -bound[i];
            }
            return new Box(low, bound);
        }

        /** Copy of the lower bounds. */
        @Override
        public float[] low() {
            return low.clone();
        }

        /** Copy of the upper bounds. */
        @Override
        public float[] high() {
            return high.clone();
        }

        /** Lower bound of component {@code i}, without copying. */
        public float low(int i) {
            return low[i];
        }

        /** Upper bound of component {@code i}, without copying. */
        public float high(int i) {
            return high[i];
        }

        /** Number of components. */
        public int size() {
            return low.length;
        }

        @Override
        public int flatSize() {
            return low.length;
        }

        /** Whether {@code x} has the right length and every component lies within its bounds. */
        public boolean contains(float[] x) {
            if (x == null || x.length != low.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!(x[i] >= low[i] && x[i] <= high[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Box box && Arrays.equals(low, box.low) && Arrays.equals(high, box.high);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
        }

        @Override
        public String toString() {
            return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ")";
        }
    }
}
