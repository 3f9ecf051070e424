package org.rlhf4j.core.io;

import java.nio.file.Path;
import org.rlhf4j.core.UserError;

/**
 * A safetensors file that is missing, malformed, or does not hold what the caller asked for. The
 * message starts with the file, then says what is wrong and what was expected.
 *
 * <p>Unchecked and a {@link UserError}: a bad weights file is the user's input to fix, so the CLI
 * prints it as one line. Genuine I/O failures (disk errors, permissions) stay {@link
 * java.io.IOException}s, so a caller can tell "this file is wrong" from "the disk failed".
 */
public class SafetensorsException extends UserError {
    private static final long serialVersionUID = 1L;

    public SafetensorsException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public SafetensorsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
