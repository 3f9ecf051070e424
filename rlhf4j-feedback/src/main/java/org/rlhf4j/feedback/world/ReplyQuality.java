package org.rlhf4j.feedback.world;

import java.util.Objects;

/**
 * The hidden attributes a reply was written with. {@link GoldSatisfaction} never reads them (it
 * scores text); they are kept so that tests and reports can check the gold score against them,
 * and so that a demonstration set can be filtered or stratified by them.
 *
 * @param resolves whether the reply takes a concrete step that settles the request
 * @param asksForGivenDetail whether it asks the customer for a detail their message already gave
 */
public record ReplyQuality(Relevance relevance, DetailAccuracy details, Politeness politeness,
                           Verbosity verbosity, boolean resolves, boolean asksForGivenDetail) {

    public enum Relevance {
        /** Answers the customer's request. */
        ON_TOPIC,
        /** Boilerplate that fits any ticket: "we value your business". */
        GENERIC,
        /** Answers a different request (a password reset for a late parcel). */
        OFF_TOPIC
    }

    public enum DetailAccuracy {
        /** Repeats the customer's order number, e-mail or amount correctly. */
        CORRECT,
        /** Mentions none of them ("your order"). */
        MISSING,
        /** Mentions a wrong one: another order number, name, product or amount. */
        WRONG
    }

    public enum Politeness { POLITE, NEUTRAL, CURT, RUDE }

    public enum Verbosity {
        /** A fragment of a dozen words or fewer. */
        TERSE,
        /** About 25 to 90 words. */
        CONCISE,
        /** Well over a hundred words of filler around the answer. */
        RAMBLING
    }

    public ReplyQuality {
        Objects.requireNonNull(relevance, "relevance");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(politeness, "politeness");
        Objects.requireNonNull(verbosity, "verbosity");
        if (relevance == Relevance.GENERIC && details != DetailAccuracy.MISSING) {
            throw new IllegalArgumentException("details must be MISSING for a GENERIC reply, was " + details);
        }
        if (relevance != Relevance.ON_TOPIC && resolves) {
            throw new IllegalArgumentException("resolves must be false for a " + relevance + " reply");
        }
    }

    /** What a good agent writes: on topic, correct, polite, concise, resolving. */
    public static ReplyQuality good() {
        return new ReplyQuality(Relevance.ON_TOPIC, DetailAccuracy.CORRECT, Politeness.POLITE,
                Verbosity.CONCISE, true, false);
    }

    public boolean isGood() {
        return equals(good());
    }

    /**
     * How many ways this falls short of {@link #good()}: one each for relevance, details,
     * politeness, verbosity, not resolving and asking again (a rough ordinal for correlations).
     */
    public int flawCount() {
        int flaws = 0;
        flaws += relevance != Relevance.ON_TOPIC ? 1 : 0;
        flaws += details != DetailAccuracy.CORRECT ? 1 : 0;
        flaws += politeness != Politeness.POLITE ? 1 : 0;
        flaws += verbosity != Verbosity.CONCISE ? 1 : 0;
        flaws += resolves ? 0 : 1;
        flaws += asksForGivenDetail ? 1 : 0;
        return flaws;
    }

    ReplyQuality withRelevance(Relevance value) {
        boolean stillResolves = resolves && value == Relevance.ON_TOPIC;
        DetailAccuracy detailsNow = value == Relevance.GENERIC ? DetailAccuracy.MISSING : details;
        return new ReplyQuality(value, detailsNow, politeness, verbosity, stillResolves, asksForGivenDetail);
    }

    ReplyQuality withDetails(DetailAccuracy value) {
        DetailAccuracy allowed = relevance == Relevance.GENERIC ? DetailAccuracy.MISSING : value;
        return new ReplyQuality(relevance, allowed, politeness, verbosity, resolves, asksForGivenDetail);
    }

    ReplyQuality withPoliteness(Politeness value) {
        return new ReplyQuality(relevance, details, value, verbosity, resolves, asksForGivenDetail);
    }

    ReplyQuality withVerbosity(Verbosity value) {
        return new ReplyQuality(relevance, details, politeness, value, resolves, asksForGivenDetail);
    }

    ReplyQuality withResolves(boolean value) {
        return new ReplyQuality(relevance, details, politeness, verbosity,
                value && relevance == Relevance.ON_TOPIC, asksForGivenDetail);
    }

    ReplyQuality withAsksForGivenDetail(boolean value) {
        return new ReplyQuality(relevance, details, politeness, verbosity, resolves, value);
    }
}
