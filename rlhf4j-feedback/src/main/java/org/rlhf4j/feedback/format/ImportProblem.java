package org.rlhf4j.feedback.format;

import java.nio.file.Path;

/**
 * One line an importer could not turn into a record, and why. Printed as
 * {@code test.jsonl.gz:17: field "chosen": must be a string} so a user can open the file at the line.
 *
 * @param file    the file read
 * @param line    1-based line number
 * @param field   the JSON field at fault, or null when the line as a whole is bad (not JSON, bad bytes)
 * @param message what was found and what was expected
 */
public record ImportProblem(Path file, long line, String field, String message) {
    public ImportProblem {
        if (file == null) throw new IllegalArgumentException("file must be set");
        if (line < 1) throw new IllegalArgumentException("line must be >= 1, got " + line);
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message must be set");
    }

    @Override
    public String toString() {
        String where = file + ":" + line + ": ";
        return field == null ? where + message : where + "field \"" + field + "\": " + message;
    }
}
