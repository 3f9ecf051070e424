package org.rlhf4j.control.preference;

/**
 * One answered query: two clips and the teacher's probability that the first is better (1 for
 * "A", 0 for "B", 1/2 for "equally good"), with the number of labels asked before it.
 */
public record Comparison(Segment a, Segment b, double preferenceForA, int labelIndex) {
    public Comparison {
        if (a == null || b == null) throw new IllegalArgumentException("both segments must be set");
        if (a.length() != b.length()) throw new IllegalArgumentException("segments of " + a.length() + " and " + b.length() + " steps");
        if (!(preferenceForA >= 0 && preferenceForA <= 1)) throw new IllegalArgumentException("preferenceForA must be in [0, 1], got " + preferenceForA);
    }
}
