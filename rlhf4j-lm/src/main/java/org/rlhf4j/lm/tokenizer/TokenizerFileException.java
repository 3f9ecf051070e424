package org.rlhf4j.lm.tokenizer;

import java.nio.file.Path;

/** A {@code tokenizer.json} that cannot be read or is not a tokenizer; names the file. */
public final class TokenizerFileException extends org.rlhf4j.core.UserError {

    private final transient Path file;

    TokenizerFileException(Path file, String problem, Throwable cause) {
        super("Cannot load tokenizer " + file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that failed to load. */
    public Path file() {
        return file;
    }
}
