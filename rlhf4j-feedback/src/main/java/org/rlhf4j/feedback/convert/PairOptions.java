package org.rlhf4j.feedback.convert;

/**
 * How pairs get their margins.
 *
 * @param rankMargins      a ranking pair's margin is the rank difference (else 0, as in InstructGPT)
 * @param ratingMarginScale a ratings pair's margin is the star difference times this (>= 0)
 */
public record PairOptions(boolean rankMargins, double ratingMarginScale) {
    public PairOptions {
        if (!(ratingMarginScale >= 0) || Double.isInfinite(ratingMarginScale)) {
            throw new IllegalArgumentException("ratingMarginScale must be a finite number >= 0, got " + ratingMarginScale);
        }
    }

    /** Ranking margins 0, rating margins the star difference. */
    public static PairOptions defaults() {
        return new PairOptions(false, 1.0);
    }

    public PairOptions withRankMargins(boolean rankMargins) {
        return new PairOptions(rankMargins, ratingMarginScale);
    }

    public PairOptions withRatingMarginScale(double scale) {
        return new PairOptions(rankMargins, scale);
    }
}
