package org.rlhf4j.server.web;

/** A request refused with an HTTP status and a message the client is shown. */
public final class HttpRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
