package org.rlhf4j.server.auth;

/** An account as the app sees it after login (never with its password hash). */
public record User(long id, String username, Role role) {
    public boolean admin() {
        return role == Role.ADMIN;
    }
}
