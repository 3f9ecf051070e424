package org.rlhf4j.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.rlhf4j.server.auth.PasswordHasher;

/**
 * Builds a database as a server with only migration V1 left it: an admin and an annotator, a
 * comparison project with two items, one answer and one live lease. The committed fixture
 * {@code src/test/resources/db/v1-feedback.db} was made by {@link #main}.
 */
final class V1Database {
    static final String PASSWORD = "correct horse battery";

    private V1Database() {
    }

    static void fill(Database db) {
        String hash = new PasswordHasher(PasswordHasher.MIN_ITERATIONS).hash(PASSWORD);
        db.transaction(c -> {
            exec(c, "INSERT INTO users (id, username, password_hash, role, created_at) VALUES (1, 'admin', '" + hash + "', 'admin', 1700000000000)");
            exec(c, "INSERT INTO users (id, username, password_hash, role, created_at) VALUES (2, 'ann', '" + hash + "', 'annotator', 1700000000000)");
            exec(c, "INSERT INTO projects (id, name, kind, guidelines, overlap, lease_seconds, criteria, created_at) VALUES (1, 'old', 'comparison', '# Be kind', 1, 600, '', 1700000000000)");
            exec(c, "INSERT INTO items (id, project_id, external_id, prompt, responses, honeypot, created_at) VALUES "
                    + "(1, 1, 'q1', '[{\"role\":\"user\",\"content\":\"Where is my order?\"}]', '[\"Shipped.\",\"No idea.\"]', NULL, 1700000000000), "
                    + "(2, 1, 'q2', '[{\"role\":\"user\",\"content\":\"Refund?\"}]', '[\"Yes, within 5 days.\",\"Maybe.\"]', NULL, 1700000000000)");
            exec(c, "INSERT INTO answers (id, item_id, user_id, project_id, answer, skip_reason, leased_at, answered_at) VALUES (1, 1, 2, 1, '{\"choice\":\"a\"}', NULL, 1700000001000, 1700000009000)");
            exec(c, "INSERT INTO leases (item_id, user_id, project_id, leased_at, expires_at) VALUES (2, 2, 1, 1700000010000, 4102444800000)");
            if (db.dialect() == Dialect.POSTGRESQL) {
                // rows a V1 server wrote would have moved the identity sequences past their ids
                for (String table : new String[] {"users", "projects", "items", "answers"}) {
                    exec(c, "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT MAX(id) FROM " + table + "))");
                }
            }
            return null;
        });
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Writes the fixture: {@code V1Database <file>}. */
    public static void main(String[] args) {
        try (Database db = Database.open(DatabaseLocation.sqlite(java.nio.file.Path.of(args[0])), 1)) {
            fill(db);
        }
    }
}
