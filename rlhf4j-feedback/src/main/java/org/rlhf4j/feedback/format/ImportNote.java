package org.rlhf4j.feedback.format;

import java.nio.file.Path;

/**
 * Something an importer did to a line that a user should be able to find afterwards, although the
 * record was imported (e.g. an HH-RLHF pair whose two transcripts do not share a prompt).
 *
 * @param kind a short constant such as {@link HhRlhfReader#PROMPT_MISMATCH}, for counting
 */
public record ImportNote(Path file, long line, String kind, String message) {
    public ImportNote {
        if (file == null) throw new IllegalArgumentException("file must be set");
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("kind must be set");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + kind + ": " + message;
    }
}
