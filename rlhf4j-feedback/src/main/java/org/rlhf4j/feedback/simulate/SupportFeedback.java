package org.rlhf4j.feedback.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;

/**
 * Feedback on the support world from a panel of simulated customers, as a labelling campaign
 * would collect it: each ticket goes to one annotator (round-robin), who judges logged replies
 * (a support log's mix of good and poor ones). Deterministic in its seeds; the clock is fixed
 * so files are byte-identical across runs.
 */
public final class SupportFeedback {
    /** The forms of feedback to collect per ticket. */
    public enum Kind {
        /** Two logged replies compared. */
        COMPARISON,
        /** One logged reply rated 1-5. */
        RATING,
        /** Four logged replies ranked. */
        RANKING,
        /** A good reply written by the annotator. */
        DEMONSTRATION,
        /** A logged reply critiqued, with a correction when the annotator can write a better one. */
        CRITIQUE;

        public static Set<Kind> parse(String csv) {
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            for (String s : csv.split(",")) {
                String t = s.trim().toUpperCase(Locale.ROOT).replaceAll("S$", "");
                try {
                    kinds.add(valueOf(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown feedback kind \"" + s.trim() + "\" (known: comparisons, ratings, rankings, demonstrations, critiques)");
                }
            }
            return kinds;
        }
    }

    private SupportFeedback() {}

    /**
     * Feedback on tickets {@code first .. first+count-1} of {@code split}.
     *
     * @param annotators panel size (ids sim-1 .. sim-n)
     * @param noise      panel noise level in [0, 1] (see {@link Panel#noisyConfig})
     */
    public static List<Feedback> generate(SupportWorld world, Split split, long first, int count, Set<Kind> kinds, int annotators, double noise, long seed) {
        return generate(world, split, first, count, kinds, annotators, noise, 0.0, seed);
    }

    /** With a panel that shares a length bias of {@code lengthBias} stars per ln(characters) (see {@link Panel#support(SupportScore, int, double, double, long, Clock)}). */
    public static List<Feedback> generate(SupportWorld world, Split split, long first, int count, Set<Kind> kinds, int annotators, double noise,
                                          double lengthBias, long seed) {
        SupportScore score = SupportScore.of(world, split, first, count);
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Panel panel = Panel.support(score, annotators, noise, lengthBias, seed, clock);
        List<Feedback> out = new ArrayList<>();
        List<Ticket> tickets = score.tickets();
        for (int i = 0; i < tickets.size(); i++) {
            Ticket t = tickets.get(i);
            SimulatedAnnotator a = panel.annotators().get(i % panel.size());
            Prompt p = SupportScore.prompt(t);
            if (kinds.contains(Kind.COMPARISON)) a.compare(p, logged(world, t, 2), logged(world, t, 3)).ifPresent(out::add);
            if (kinds.contains(Kind.RATING)) a.rate(p, logged(world, t, 4)).ifPresent(out::add);
            if (kinds.contains(Kind.RANKING)) {
                a.rank(p, List.of(logged(world, t, 5), logged(world, t, 6), logged(world, t, 7), logged(world, t, 8))).ifPresent(out::add);
            }
            if (kinds.contains(Kind.DEMONSTRATION)) a.demonstrate(p, score.replyWriter()).ifPresent(out::add);
            if (kinds.contains(Kind.CRITIQUE)) a.critique(p, logged(world, t, 9), score.goodReplyCorrector()).ifPresent(out::add);
        }
        return out;
    }

    private static String logged(SupportWorld world, Ticket t, long stream) {
        return world.loggedReply(t, world.replyRandom(t, stream)).text();
    }
}
