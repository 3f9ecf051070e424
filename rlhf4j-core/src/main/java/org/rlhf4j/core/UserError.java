package org.rlhf4j.core;

/**
 * An error caused by the user's input (a bad flag, a missing or corrupt file, a checkpoint that
 * does not match the model), as opposed to a bug. The CLI prints its message as one line without
 * a stack trace and exits with a non-zero code; library code only throws it.
 *
 * <p>The message must let the user act: name the file (and line or field where there is one),
 * what was found and what was expected.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
