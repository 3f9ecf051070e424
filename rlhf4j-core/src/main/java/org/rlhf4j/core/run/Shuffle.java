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
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        return p;
    }

    /** A shuffled copy of {@code items}. */
    public static <T> List<T> copy(List<T> items, SplittableRandom rng) {
        List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) Collections.swap(out, i, rng.nextInt(i + 1));
        return out;
    }
}
