package org.rlhf4j.server.auth;

/** A logged-in browser: its user and the CSRF token every state-changing request must carry. */
public record Session(User user, String csrfToken) {
}
