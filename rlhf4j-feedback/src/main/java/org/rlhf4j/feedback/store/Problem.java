package org.rlhf4j.feedback.store;

import java.nio.file.Path;

/**
 * A line of a feedback file that was skipped, and why.
 *
 * @param file    the file as it was given to the reader
 * @param line    1-based line number
 * @param field   the field at fault in the file's spelling, or null when the whole line is
 * @param message what was expected and what was found
 */
public record Problem(Path file, long line, String field, String message) {
    public Problem {
        if (file == null) throw new IllegalArgumentException("file must be set");
        if (line < 1) throw new IllegalArgumentException("line must be >= 1, got " + line);
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message must be set");
    }

    /** {@code feedback.jsonl:17: field "stars": must be an integer 1..5, got 9}. */
    @Override
    public String toString() {
        String where = file + ":" + line + ": ";
        return field == null ? where + message : where + "field \"" + field + "\": " + message;
    }
}
