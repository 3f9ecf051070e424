package org.rlhf4j.feedback;

import java.util.Map;

/**
 * A 1-5 star rating of one response, optionally with named criteria (e.g. helpfulness,
 * politeness), each also 1-5.
 */
public record Rating(String id, Prompt prompt, String response, int stars, Map<String, Integer> criteria, Attribution attribution) implements Feedback {
    public static final int MIN_STARS = 1, MAX_STARS = 5;

    public Rating {
        Feedback.requireId(id);
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        Feedback.requireText("response", response);
        checkStars("stars", stars);
        criteria = criteria == null ? Map.of() : Map.copyOf(criteria);
        criteria.forEach((name, value) -> {
            if (name.isBlank()) throw new IllegalArgumentException("criteria names must not be blank");
            checkStars("criteria." + name, value);
        });
        if (attribution == null) attribution = Attribution.none();
    }

    private static void checkStars(String field, int v) {
        if (v < MIN_STARS || v > MAX_STARS) throw new IllegalArgumentException(field + " must be in " + MIN_STARS + ".." + MAX_STARS + ", got " + v);
    }
}
