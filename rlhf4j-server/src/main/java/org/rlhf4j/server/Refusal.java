package org.rlhf4j.server;

import org.rlhf4j.core.UserError;

/**
 * A request refused for a reason the client can act on (so a {@link UserError}: the CLI prints it
 * as one line), with the HTTP status the web layer sends:
 * 400 bad input, 401 not logged in, 403 not allowed, 404 not found (also for an item not leased
 * to the caller, whether or not it exists, so ids reveal nothing), 409 a conflict with what
 * already happened, 410 gone, 413 too large, 415 wrong content type, 429 too many attempts.
 */
public final class Refusal extends UserError {
    private static final long serialVersionUID = 1L;

    private final int status;

    public Refusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static Refusal notLeased(long itemId) {
        return new Refusal(404, "item " + itemId + " is not leased to you in this project");
    }
}
