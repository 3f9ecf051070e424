package org.rlhf4j.server.db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * V4: the task kind {@code clips} (two control clips, posted by a training run) and
 * {@code items.closed_at}, set when the asker withdraws an item (a training run took its answer,
 * saw it skipped, or stopped waiting), so the queue hands it out no more.
 *
 * <p>The one migration written in Java: widening the {@code projects.kind} CHECK differs between
 * the two databases. PostgreSQL replaces the named constraint. SQLite cannot alter a constraint,
 * so the table is rebuilt in the migration's transaction with foreign keys deferred
 * ({@code PRAGMA defer_foreign_keys}): the rows are copied aside, the table is dropped and created
 * again under its own name, and the rows go back with their ids before the transaction commits,
 * so every item, lease and answer still points at its project.
 */
public final class V4__clip_comparisons extends BaseJavaMigration {
    static final String KINDS = "('comparison', 'rating', 'ranking', 'critique', 'clips')";
    static final String COLUMNS = "id, name, kind, guidelines, overlap, lease_seconds, criteria, created_at";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean sqlite = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite");
        try (Statement s = c.createStatement()) {
            if (sqlite) {
                s.execute("PRAGMA defer_foreign_keys = ON");
                s.execute("CREATE TABLE projects_v3 AS SELECT " + COLUMNS + " FROM projects");
                s.execute("DROP TABLE projects");
                s.execute("CREATE TABLE projects ("
                        + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "name TEXT NOT NULL UNIQUE, "
                        + "kind TEXT NOT NULL CHECK (kind IN " + KINDS + "), "
                        + "guidelines TEXT NOT NULL, "
                        + "overlap INTEGER NOT NULL CHECK (overlap >= 1), "
                        + "lease_seconds INTEGER NOT NULL CHECK (lease_seconds >= 1), "
                        + "criteria TEXT NOT NULL, "
                        + "created_at BIGINT NOT NULL)");
                s.execute("INSERT INTO projects (" + COLUMNS + ") SELECT " + COLUMNS + " FROM projects_v3");
                s.execute("DROP TABLE projects_v3");
            } else {
                s.execute("ALTER TABLE projects DROP CONSTRAINT projects_kind_check");
                s.execute("ALTER TABLE projects ADD CONSTRAINT projects_kind_check CHECK (kind IN " + KINDS + ")");
            }
            s.execute("ALTER TABLE items ADD COLUMN closed_at BIGINT");
        }
    }
}
