package org.rlhf4j.core.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** Fisher-Yates shuffles from an explicit random stream, so a seed fixes every data order. */
public final class Shuffle {
    private Shuffle() {}

    /** A random permutation of 0..n-1. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return inPlace(p, rng);
    }

    /** Shuffles {@code values} in place and returns it (the same draws as {@link #permutation} on 0..n-1). */
    public static int[] inPlace(int[] values, SplittableRandom rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = values[i];
            values[i] = values[j];
            values[j] = x;
        }
        return values;
    }

    /** A shuffled copy of {@code items}. */
    public static <T> List<T> copy(List<T> items, SplittableRandom rng) {
        List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) Collections.swap(out, i, rng.nextInt(i + 1));
        return out;
    }
}
