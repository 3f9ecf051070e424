package org.rlhf4j.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.server.db.Database;

/** Admin actions, written in the same transaction as the change they record. */
public final class AuditLog {
    public record Entry(long id, String username, String action, String detail, long atMillis) {
    }

    private AuditLog() {
    }

    public static void record(Connection c, User admin, String action, String detail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (user_id, action, detail, at) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, admin.id());
            s.setString(2, action);
            s.setString(3, detail.length() > 2000 ? detail.substring(0, 2000) + "..." : detail);
            s.setLong(4, System.currentTimeMillis());
            s.executeUpdate();
        }
    }

    public static void record(Database db, User admin, String action, String detail) {
        db.transaction(c -> {
            record(c, admin, action, detail);
            return null;
        });
    }

    /** The newest {@code limit} entries, newest first. */
    public static List<Entry> newest(Database db, int limit) {
        return db.transaction(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT a.id, u.username, a.action, a.detail, a.at FROM audit_log a JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(new Entry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5)));
                }
            }
            return out;
        });
    }
}
