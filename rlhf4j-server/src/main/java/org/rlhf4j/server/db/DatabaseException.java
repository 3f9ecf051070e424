package org.rlhf4j.server.db;

import java.sql.SQLException;

/** A database failure that is not the user's doing (lost connection, full disk). */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }

    /** True when a unique or primary-key constraint refused a row (the same answer twice). */
    public static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        if ("23505".equals(state)) return true; // PostgreSQL unique_violation
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_CONSTRAINT_UNIQUE") || m.contains("SQLITE_CONSTRAINT_PRIMARYKEY");
    }
}
