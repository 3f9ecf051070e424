package org.rlhf4j.feedback;

import java.nio.file.Path;

/**
 * A line of a feedback file that could not be used, and why: what importers, the store and
 * validation report. Printed as {@code feedback.jsonl:17: field "stars": must be an integer 1..5,
 * got 9} so a user can open the file at the line.
 *
 * @param file    the file as it was given to the reader
 * @param line    1-based line number, or 0 when the problem is the file as a whole
 * @param field   the field at fault in the file's spelling, or null when the whole line is bad
 * @param message what was found and what was expected
 */
public record LineProblem(Path file, long line, String field, String message) {
    public LineProblem {
        if (file == null) throw new IllegalArgumentException("file must be set");
        if (line < 0) throw new IllegalArgumentException("line must be >= 0, got " + line);
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message must be set");
    }

    @Override
    public String toString() {
        String where = file + (line > 0 ? ":" + line : "") + ": ";
        return field == null ? where + message : where + "field \"" + field + "\": " + message;
    }
}
