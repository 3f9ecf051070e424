package org.rlhf4j.server.auth;

/** What an account may do: admins manage projects, accounts, exports and dashboards; annotators answer. */
public enum Role {
    ADMIN, ANNOTATOR;

    public String dbName() {
        return name().toLowerCase();
    }

    public static Role fromDb(String s) {
        return valueOf(s.toUpperCase());
    }
}
