package org.rlhf4j.core.run;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A run's root seed split into named, independent streams ("model_init", "data_order",
 * "sampling", ...), so that adding randomness in one place never shifts another, and every stream
 * is reproducible from the root seed and its name alone.
 *
 * <p>{@code seed(name) = splitMix64(splitMix64(rootSeed) XOR fnv1a64(utf8(name)))}, where
 * splitMix64(x) is one step of SplitMix64 (Steele, Lea, Flood 2014) from state x: add the golden
 * gamma 0x9E3779B97F4A7C15, then the variant-13 finaliser. FNV-1a is stable across JVMs and
 * releases, unlike relying on {@link String#hashCode} alone; the outer mix spreads names that
 * differ in one character to unrelated seeds. These values are part of the checkpoint format:
 * changing the derivation changes every run's randomness.
 */
public record SeedStreams(long rootSeed) {

    public static final String MODEL_INIT = "model_init";
    public static final String DATA_ORDER = "data_order";
    public static final String SAMPLING = "sampling";
    public static final String DROPOUT = "dropout";
    public static final String ENVIRONMENT = "environment";

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    public static SeedStreams of(long rootSeed) {
        return new SeedStreams(rootSeed);
    }

    /** The seed of stream {@code name}; the same for the same root seed and name, on every JVM. */
    public long seed(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("stream name must be non-empty, got " + (name == null ? "null" : "''"));
        }
        return splitMix64(splitMix64(rootSeed) ^ fnv1a64(name));
    }

    /** A fresh generator for stream {@code name}; each call starts the stream from its beginning. */
    public SplittableRandom random(String name) {
        return new SplittableRandom(seed(name));
    }

    /** Streams nested under {@code name}, e.g. one set per worker: {@code fork("worker/3")}. */
    public SeedStreams fork(String name) {
        return new SeedStreams(seed(name));
    }

    /** One SplitMix64 output from state {@code x}: mix(x + golden gamma). */
    static long splitMix64(long x) {
        long z = x + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64-bit FNV-1a over the UTF-8 bytes of {@code text}. */
    static long fnv1a64(String text) {
        long hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
