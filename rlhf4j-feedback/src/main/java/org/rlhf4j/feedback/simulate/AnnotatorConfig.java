package org.rlhf4j.feedback.simulate;

/**
 * How a simulated annotator departs from a perfect teacher (B-Pref, Lee et al. 2021). Utilities
 * are in the score function's units (1-5 for the support world).
 *
 * @param temperature        Boltzmann rationality: P(A) = sigmoid((u_A - u_B) / temperature); 0 is
 *                           perfectly rational (the higher utility always wins), >= 0
 * @param mistakeProbability chance of flipping a decisive choice (A <-> B), of a uniformly random
 *                           star rating, or of swapping two neighbours in a ranking, in [0, 1]
 * @param skipProbability    chance of declining to answer at all, in [0, 1)
 * @param tieThreshold       |u_A - u_B| below it is a TIE ("equal" teacher); 0 never ties, >= 0
 * @param bothBadThreshold   both utilities below it is BOTH_BAD; {@code Double.NEGATIVE_INFINITY} is off
 * @param myopiaGamma        weight gamma^(T-1-t) of step t of a T-step trajectory, in (0, 1]; 1 is not myopic
 * @param readChars          a skim-reader scores only the first readChars characters of a response;
 *                           0 reads everything, >= 0
 * @param lengthBias         b in the perceived utility u + b * ln(characters of the response); > 0
 *                           prefers longer answers
 * @param ratingNoise        standard deviation of the Gaussian noise added before rounding to stars, >= 0
 * @param clearGap           a perceived gap below it gives strength 1 (slightly better), > 0
 * @param muchGap            a gap below it (and >= clearGap) gives strength 2, else 3, >= clearGap
 */
public record AnnotatorConfig(double temperature, double mistakeProbability, double skipProbability, double tieThreshold,
                              double bothBadThreshold, double myopiaGamma, int readChars, double lengthBias,
                              double ratingNoise, double clearGap, double muchGap) {
    public AnnotatorConfig {
        requireNonNegative("temperature", temperature);
        requireInRange("mistakeProbability", mistakeProbability, 1.0, true);
        requireInRange("skipProbability", skipProbability, 1.0, false);
        requireNonNegative("tieThreshold", tieThreshold);
        if (Double.isNaN(bothBadThreshold) || bothBadThreshold == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("bothBadThreshold must be a number or -Infinity (off), got " + bothBadThreshold);
        }
        requireGamma(myopiaGamma);
        if (readChars < 0) throw new IllegalArgumentException("readChars must be >= 0 (0 reads everything), got " + readChars);
        if (!Double.isFinite(lengthBias)) throw new IllegalArgumentException("lengthBias must be finite, got " + lengthBias);
        requireNonNegative("ratingNoise", ratingNoise);
        if (!(clearGap > 0) || Double.isInfinite(clearGap)) throw new IllegalArgumentException("clearGap must be finite and > 0, got " + clearGap);
        if (!(muchGap >= clearGap) || Double.isInfinite(muchGap)) {
            throw new IllegalArgumentException("muchGap must be finite and >= clearGap (" + clearGap + "), got " + muchGap);
        }
    }

    /** The perfect teacher: rational, never wrong, never skips, no ties, reads all, no bias; strengths at gaps 0.5 and 1.5. */
    public static AnnotatorConfig defaults() {
        return new AnnotatorConfig(0.0, 0.0, 0.0, 0.0, Double.NEGATIVE_INFINITY, 1.0, 0, 0.0, 0.0, 0.5, 1.5);
    }

    public AnnotatorConfig withTemperature(double value) {
        return new AnnotatorConfig(value, mistakeProbability, skipProbability, tieThreshold, bothBadThreshold, myopiaGamma, readChars, lengthBias, ratingNoise, clearGap, muchGap);
    }

    public AnnotatorConfig withMistakeProbability(double value) {
        return new AnnotatorConfig(temperature, value, skipProbability, tieThreshold, bothBadThreshold, myopiaGamma, readChars, lengthBias, ratingNoise, clearGap, muchGap);
    }

    public AnnotatorConfig withSkipProbability(double value) {
        return new AnnotatorConfig(temperature, mistakeProbability, value, tieThreshold, bothBadThreshold, myopiaGamma, readChars, lengthBias, ratingNoise, clearGap, muchGap);
    }

    public AnnotatorConfig withTieThreshold(double value) {
        return new AnnotatorConfig(temperature, mistakeProbability, skipProbability, value, bothBadThreshold, myopiaGamma, readChars, lengthBias, ratingNoise, clearGap, muchGap);
    }

    public AnnotatorConfig withBothBadThreshold(double value) {
        return new AnnotatorConfig(temperature, mistakeProbability, skipProbability, tieThreshold, value, myopiaGamma, readChars, lengthBias, ratingNoise, clearGap, muchGap);
    }

    public AnnotatorConfig withMyopiaGamma(double value) {
        return new AnnotatorConfig(temperature, mistakeProbability, skipProbability, tieThreshold, bothBadThreshold, value, readChars, lengthBias, ratingNoise, clearGap, muchGap);
    }

    public AnnotatorConfig withReadChars(int value) {
        return new AnnotatorConfig(temperature, mistakeProbability, skipProbability, tieThreshold, bothBadThreshold, myopiaGamma, value, lengthBias, ratingNoise, clearGap, muchGap);
    }

    public AnnotatorConfig withLengthBias(double value) {
        return new AnnotatorConfig(temperature, mistakeProbability, skipProbability, tieThreshold, bothBadThreshold, myopiaGamma, readChars, value, ratingNoise, clearGap, muchGap);
    }

    public AnnotatorConfig withRatingNoise(double value) {
        return new AnnotatorConfig(temperature, mistakeProbability, skipProbability, tieThreshold, bothBadThreshold, myopiaGamma, readChars, lengthBias, value, clearGap, muchGap);
    }

    public AnnotatorConfig withStrengthGaps(double clear, double much) {
        return new AnnotatorConfig(temperature, mistakeProbability, skipProbability, tieThreshold, bothBadThreshold, myopiaGamma, readChars, lengthBias, ratingNoise, clear, much);
    }

    /** Strength of a decisive choice from the perceived gap: 1 below clearGap, 2 below muchGap, else 3. */
    public double strength(double gap) {
        double size = Math.abs(gap);
        return size < clearGap ? 1.0 : size < muchGap ? 2.0 : 3.0;
    }

    static void requireGamma(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("myopiaGamma must be in (0, 1], got " + gamma);
    }

    private static void requireNonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
    }

    private static void requireInRange(String field, double value, double max, boolean maxIncluded) {
        boolean ok = value >= 0 && (maxIncluded ? value <= max : value < max);
        if (!ok) throw new IllegalArgumentException(field + " must be in [0, " + max + (maxIncluded ? "]" : ")") + ", got " + value);
    }
}
