package org.rlhf4j.feedback.world;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Independent random streams derived from the world seed and a key path, so that ticket 17 is the
 * same ticket however many tickets were generated before it, and no stream is shared.
 */
final class RandomStreams {
    static final long TICKET = 1;
    static final long REPLY = 2;
    static final long CONVERSATION = 3;
    static final long WORLD = 4;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RandomStreams() {
    }

    static SplittableRandom derive(long seed, long... keys) {
        long state = mix(seed + GOLDEN_GAMMA);
        for (long key : keys) {
            state = mix(state ^ mix(key + GOLDEN_GAMMA));
        }
        return new SplittableRandom(state);
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static <T> T pick(List<T> items, RandomGenerator rng) {
        return items.get(rng.nextInt(items.size()));
    }

    static boolean chance(double probability, RandomGenerator rng) {
        return rng.nextDouble() < probability;
    }
}
