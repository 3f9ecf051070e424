package org.rlhf4j.feedback.world;

/**
 * How a {@link SupportWorld} generates.
 *
 * @param seed everything the world generates is a function of this seed
 * @param goodReplyFraction share of logged replies that are {@link ReplyQuality#good() good}; the
 *     rest have one to three flaws, as real support logs do
 * @param typoRate share of customer messages with one or two typing slips
 * @param multiTurnFraction share of conversations where the customer writes back once more
 */
public record SupportWorldConfig(long seed, double goodReplyFraction, double typoRate, double multiTurnFraction) {
    public SupportWorldConfig {
        requireFraction(goodReplyFraction, "goodReplyFraction");
        requireFraction(typoRate, "typoRate");
        requireFraction(multiTurnFraction, "multiTurnFraction");
    }

    public static SupportWorldConfig defaults() {
        return new SupportWorldConfig(42L, 0.4, 0.08, 0.25);
    }

    public SupportWorldConfig withSeed(long newSeed) {
        return new SupportWorldConfig(newSeed, goodReplyFraction, typoRate, multiTurnFraction);
    }

    private static void requireFraction(double value, String field) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be in [0, 1], was " + value);
        }
    }
}
