package org.rlhf4j.feedback.convert;

import org.rlhf4j.feedback.Prompt;

/**
 * What a reward model or DPO trains on: for one prompt, a response people preferred over another,
 * and by how much (a Bradley-Terry margin: 0 means "preferred, by an unknown amount").
 *
 * @param id       derived from the feedback it came from, e.g. {@code k1:1>0} (ranking k1, response 1 over 0)
 * @param origin   the kind of feedback it came from: one of the {@code ORIGIN_*} constants
 */
public record PreferencePair(String id, Prompt prompt, String chosen, String rejected, double margin, String origin) {
    public static final String ORIGIN_COMPARISON = "comparison";
    public static final String ORIGIN_RANKING = "ranking";
    public static final String ORIGIN_RATINGS = "ratings";
    public static final String ORIGIN_CRITIQUE = "critique";

    public PreferencePair {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id must be set");
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        if (chosen == null || chosen.isEmpty()) throw new IllegalArgumentException("chosen must not be empty");
        if (rejected == null || rejected.isEmpty()) throw new IllegalArgumentException("rejected must not be empty");
        if (!(margin >= 0) || Double.isInfinite(margin)) throw new IllegalArgumentException("margin must be a finite number >= 0, got " + margin);
        if (origin == null || origin.isBlank()) throw new IllegalArgumentException("origin must be set");
    }
}
