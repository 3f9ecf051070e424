package org.rlhf4j.feedback.validate;

import java.nio.file.Path;

/** What is wrong with one line of a feedback file; {@code line} 0 and {@code field} null when not known. */
public record Issue(Path file, long line, String field, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : "field \"" + field + "\": ") + message;
    }
}
