package org.rlhf4j.server.queue;

/**
 * A queue operation refused for a reason the client can act on. {@code status} is the HTTP status
 * the web layer sends: 404 for an item not leased to this annotator (whether or not it exists,
 * so ids reveal nothing), 409 for a conflict with what already happened.
 */
public final class QueueRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public QueueRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static QueueRefusal notLeased(long itemId) {
        return new QueueRefusal(404, "item " + itemId + " is not leased to you in this project");
    }
}
