package org.rlhf4j.reward;

/**
 * What star ratings train: an ordinal (cumulative-link, "ordered logit") model with learned cut
 * points, a regression on the stars, or pairs between ratings of the same prompt.
 */
public enum RatingLoss {
    /** P(stars <= k) = sigmoid(c_k - r) with increasing cuts c_1..c_4 (McCullagh 1980); loss -log P(stars). */
    ORDINAL,
    /** Squared error between r and stars - 3 (one unit per star, 3 stars = 0). */
    REGRESSION,
    /** Ratings of one prompt become Bradley-Terry pairs (margin = star difference when margins are on); equal stars, ties. */
    PAIRS;

    public static RatingLoss parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rating loss must be ordinal, regression or pairs, got \"" + s + "\"");
        }
    }
}
