package org.rlhf4j.control.preference;

import java.util.OptionalDouble;

/** Whoever answers preference queries: a simulated annotator or a person at the terminal. */
public interface PreferenceTeacher {
    /**
     * The probability that clip {@code a} is better than {@code b}: 1 ("A"), 0 ("B"), 1/2
     * ("equally good"); empty when the question is skipped (it still counts as asked).
     */
    OptionalDouble compare(Segment a, Segment b);

    /** True once the teacher wants no more questions; training goes on with the labels so far. */
    default boolean finished() {
        return false;
    }

    /** For run files and logs. */
    String describe();
}
