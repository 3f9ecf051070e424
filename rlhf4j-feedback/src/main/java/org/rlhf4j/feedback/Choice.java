package org.rlhf4j.feedback;

/** The outcome of a pairwise comparison. Ties and "both bad" are outcomes, not missing data. */
public enum Choice {
    A, B, TIE, BOTH_BAD;

    /** True when one response was preferred. */
    public boolean decisive() {
        return this == A || this == B;
    }
}
