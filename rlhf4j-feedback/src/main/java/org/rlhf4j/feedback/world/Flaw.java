package org.rlhf4j.feedback.world;

import java.util.random.RandomGenerator;
import org.rlhf4j.feedback.world.ReplyQuality.DetailAccuracy;
import org.rlhf4j.feedback.world.ReplyQuality.Politeness;
import org.rlhf4j.feedback.world.ReplyQuality.Relevance;
import org.rlhf4j.feedback.world.ReplyQuality.Verbosity;

/**
 * The ways a logged reply goes wrong, with how often each is picked. The weights are a judgement
 * of what support logs look like, not measured: detail slips and non-answers are common, rudeness
 * rarer.
 */
enum Flaw {
    OFF_TOPIC(10), GENERIC(10), WRONG_DETAIL(12), MISSING_DETAIL(9), FLAT_TONE(8), CURT(8), RUDE(7),
    TERSE(8), RAMBLING(10), UNRESOLVED(11), ASKS_AGAIN(7);

    private final int weight;

    Flaw(int weight) {
        this.weight = weight;
    }

    ReplyQuality applyTo(ReplyQuality q) {
        return switch (this) {
            case OFF_TOPIC -> q.withRelevance(Relevance.OFF_TOPIC);
            case GENERIC -> q.withRelevance(Relevance.GENERIC);
            case WRONG_DETAIL -> q.withDetails(DetailAccuracy.WRONG);
            case MISSING_DETAIL -> q.withDetails(DetailAccuracy.MISSING);
            case FLAT_TONE -> q.withPoliteness(Politeness.NEUTRAL);
            case CURT -> q.withPoliteness(Politeness.CURT);
            case RUDE -> q.withPoliteness(Politeness.RUDE);
            case TERSE -> q.withVerbosity(Verbosity.TERSE);
            case RAMBLING -> q.withVerbosity(Verbosity.RAMBLING);
            case UNRESOLVED -> q.withResolves(false);
            case ASKS_AGAIN -> q.withAsksForGivenDetail(true).withResolves(false);
        };
    }

    /** One to three flaws applied to a good reply's attributes; never returns a good quality. */
    static ReplyQuality poorQuality(RandomGenerator rng) {
        double roll = rng.nextDouble();
        int flaws = roll < 0.55 ? 1 : roll < 0.9 ? 2 : 3;
        ReplyQuality q = ReplyQuality.good();
        for (int i = 0; i < flaws; i++) {
            q = pick(rng).applyTo(q);
        }
        return q;
    }

    private static Flaw pick(RandomGenerator rng) {
        int total = 0;
        for (Flaw flaw : values()) {
            total += flaw.weight;
        }
        int at = rng.nextInt(total);
        for (Flaw flaw : values()) {
            at -= flaw.weight;
            if (at < 0) {
                return flaw;
            }
        }
        throw new AssertionError("weights sum to " + total);
    }
}
