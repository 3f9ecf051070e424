package org.rlhf4j.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.core.UserError;
import org.rlhf4j.server.Databases;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.AuditLog;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.queue.Queue;

/** An upgraded server opens an old database: data written under schema V1 survives migration to the current schema (V2 adds a table, V3 a counted column, V4 the clips kind and closed items). */
class MigrationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void aDatabaseMadeByMigrationV1OpensAndWorksAfterLaterMigrations(Databases.Kind kind) throws Exception {
        DatabaseLocation location = Databases.fresh(kind);
        try (Database v1 = Database.open(location, 1)) {
            assertThat(tables(v1)).doesNotContain("audit_log");
            V1Database.fill(v1);
        }
        try (Database now = Database.open(location)) {
            assertThat(schemaVersion(now)).isEqualTo(Database.SCHEMA_VERSION);
            checkOldDataWorks(now);
        }
    }

    @Test
    void theCommittedV1FixtureOpens() throws Exception {
        Path file = tmp.resolve("v1-feedback.db");
        try (InputStream in = getClass().getResourceAsStream("/db/v1-feedback.db")) {
            assertThat(in).as("fixture src/test/resources/db/v1-feedback.db").isNotNull();
            Files.copy(in, file);
        }
        try (Database db = Database.open(DatabaseLocation.sqlite(file))) {
            assertThat(schemaVersion(db)).isEqualTo(Database.SCHEMA_VERSION);
            checkOldDataWorks(db);
        }
        try (Database again = Database.open(DatabaseLocation.sqlite(file))) {
            assertThat(schemaVersion(again)).as("opening twice migrates once").isEqualTo(Database.SCHEMA_VERSION);
        }
    }

    @Test
    void aDatabaseFromANewerServerIsRefusedUntouched() throws Exception {
        Path file = tmp.resolve("newer.db");
        try (Database db = Database.open(DatabaseLocation.sqlite(file))) {
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                            + " VALUES (99, '9', 'from the future', 'SQL', 'V9__future.sql', 0, 'test', 0, 1)");
                }
                return null;
            });
        }
        long size = Files.size(file);
        assertThatThrownBy(() -> Database.open(DatabaseLocation.sqlite(file))).isInstanceOf(UserError.class)
                .hasMessageContaining("has schema version 9, newer than this server's " + Database.SCHEMA_VERSION);
        assertThat(Files.size(file)).isEqualTo(size);
    }

    private static void checkOldDataWorks(Database db) {
        Accounts accounts = new Accounts(db, new PasswordHasher(PasswordHasher.MIN_ITERATIONS));
        User ann = accounts.authenticate("ann", V1Database.PASSWORD).orElseThrow();
        User admin = accounts.authenticate("admin", V1Database.PASSWORD).orElseThrow();
        Project old = new Projects(db).find(1).orElseThrow();
        assertThat(old.spec().guidelines()).isEqualTo("# Be kind");
        Queue queue = new Queue(db, System::currentTimeMillis);
        assertThat(queue.answersOf(ann, old)).singleElement().satisfies(a -> assertThat(a.answerJson()).isEqualTo("{\"choice\":\"a\"}"));
        assertThat(queue.next(ann, old).orElseThrow().item().externalId()).as("the V1 lease still holds").isEqualTo("q2");
        assertThat(org.rlhf4j.server.Fixtures.storedAnswers(db).driftedCounts()).as("V3 counted the V1 answers").isEmpty();
        int counted = db.transaction(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT answer_count FROM items WHERE id = 1")) {
                r.next();
                return r.getInt(1);
            }
        });
        assertThat(counted).isEqualTo(1);
        // V4 widened the task kinds (on SQLite by rebuilding projects) and added items.closed_at
        var clips = new org.rlhf4j.server.clips.ClipQueries(db, System::currentTimeMillis);
        Project clipProject = clips.project("clips", "CartPole-v1");
        long clipItem = clips.post(clipProject, "q1", "which clip?", "{}", "{}");
        assertThat(clips.withdraw(clipProject, clipItem)).isEmpty();
        assertThat(new Projects(db).find(1).orElseThrow().name()).as("the old project keeps its id").isEqualTo(old.name());
        if (db.dialect() == Dialect.SQLITE) {
            boolean dangling = db.transaction(c -> {
                try (ResultSet r = c.createStatement().executeQuery("PRAGMA foreign_key_check")) {
                    return r.next();
                }
            });
            assertThat(dangling).as("every item, lease and answer still points at its project").isFalse();
            assertThatThrownBy(() -> db.transaction(c -> c.createStatement().executeUpdate("INSERT INTO items (project_id, external_id, prompt, responses, created_at) VALUES (999, 'x', '[]', '[]', 0)")))
                    .as("foreign keys are still enforced").hasMessageContaining("FOREIGN KEY");
        }
        AuditLog.record(db, admin, "test", "V2's audit log works on an old database");
        assertThat(AuditLog.newest(db, 10)).singleElement().satisfies(e -> assertThat(e.username()).isEqualTo("admin"));
    }

    private static int schemaVersion(Database db) {
        return db.transaction(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = " + (db.dialect() == Dialect.SQLITE ? "1" : "true"))) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private static List<String> tables(Database db) {
        return db.transaction(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet r = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (r.next()) out.add(r.getString("TABLE_NAME").toLowerCase());
            }
            return out;
        });
    }
}
