package org.rlhf4j.feedback.format;

import org.rlhf4j.feedback.LineProblem;
/**
 * Thrown while converting one line, to become an {@link LineProblem} for that line. A control
 * flow exception inside this package, so it carries no stack trace.
 */
final class BadField extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    BadField(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
