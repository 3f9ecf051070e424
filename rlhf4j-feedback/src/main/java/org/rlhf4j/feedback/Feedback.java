package org.rlhf4j.feedback;

/** A judgement of model output (or a demonstration of the desired output), with who gave it, when and from where. */
public sealed interface Feedback permits Comparison, Rating, Ranking, Critique, Demonstration {
    /** A stable id (unique within a store); importers derive it from the source and line. */
    String id();

    Prompt prompt();

    Attribution attribution();

    /** The record's type as written in files: {@code comparison}, {@code rating}, ... */
    default String kind() {
        return getClass().getSimpleName().toLowerCase();
    }

    static String requireText(String field, String value) {
        if (value == null) throw new IllegalArgumentException(field + " must be set");
        if (value.isEmpty()) throw new IllegalArgumentException(field + " must not be empty");
        return value;
    }

    static void requireId(String id) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id must be set");
    }
}
