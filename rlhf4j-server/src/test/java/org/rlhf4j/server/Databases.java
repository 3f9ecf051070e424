package org.rlhf4j.server;

import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;
import org.rlhf4j.server.db.DatabaseLocation;

/** The two databases every persistence test runs against: an SQLite file and a real PostgreSQL server. */
public final class Databases {
    private Databases() {
    }

    public enum Kind {
        SQLITE, POSTGRESQL
    }

    public static Stream<Arguments> both() {
        return Stream.of(Arguments.of(Kind.SQLITE), Arguments.of(Kind.POSTGRESQL));
    }

    /** A fresh empty database of that kind; a PostgreSQL test is skipped, saying why, when the binaries are absent. */
    public static DatabaseLocation fresh(Kind kind) throws Exception {
        if (kind == Kind.SQLITE) return DatabaseLocation.sqlite(Files.createTempDirectory("rlhf4j-sqlite").resolve("feedback.db"));
        Assumptions.assumeTrue(PostgresServer.binaries().isPresent(),
                "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin: install the Debian package postgresql to run this test against PostgreSQL");
        return PostgresServer.shared().newDatabase();
    }
}
