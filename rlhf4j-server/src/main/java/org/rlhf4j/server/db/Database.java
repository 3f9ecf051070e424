package org.rlhf4j.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.rlhf4j.core.UserError;

/**
 * The app's database: a connection pool over SQLite or PostgreSQL, migrated to the newest schema
 * when opened (Flyway, scripts in {@code db/migration}, and V4 in Java), so a newer server opens an older database.
 * Every query elsewhere goes through {@link #transaction} with bound parameters.
 */
public final class Database implements AutoCloseable {
    /** The schema this code writes; {@link #open} migrates older databases up to it. */
    public static final int SCHEMA_VERSION = 5;

    private final DatabaseLocation location;
    private final HikariDataSource pool;

    private Database(DatabaseLocation location, HikariDataSource pool) {
        this.location = location;
        this.pool = pool;
    }

    /** Opens (creating an SQLite file if missing) and migrates to {@link #SCHEMA_VERSION}. */
    public static Database open(DatabaseLocation location) {
        return open(location, null);
    }

    /** Opens and migrates only up to {@code targetVersion}: for tests that build an old database. */
    static Database open(DatabaseLocation location, Integer targetVersion) {
        HikariDataSource pool = pool(location);
        try {
            var flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    // V4 differs between the dialects, so it is Java; named here rather than found by a classpath scan
                    .javaMigrations(new org.rlhf4j.server.db.migration.V4__clip_comparisons())
                    .placeholders(Map.of("id_pk", location.dialect().identityPrimaryKey()))
                    .target(targetVersion == null ? MigrationVersion.LATEST : MigrationVersion.fromVersion(targetVersion.toString()))
                    .load();
            var info = flyway.info().current();
            if (info != null && info.getVersion().compareTo(MigrationVersion.fromVersion(Integer.toString(SCHEMA_VERSION))) > 0) {
                throw new UserError(location.display() + " has schema version " + info.getVersion() + ", newer than this server's " + SCHEMA_VERSION + "; run a newer rlhf4j");
            }
            flyway.migrate();
            return new Database(location, pool);
        } catch (RuntimeException e) {
            pool.close();
            if (e instanceof UserError) throw e;
            throw new UserError("cannot open database " + location.display() + ": " + rootMessage(e), e);
        }
    }

    private static HikariDataSource pool(DatabaseLocation location) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(location.jdbcUrl());
        c.setPoolName("rlhf4j-server");
        c.setMaximumPoolSize(location.dialect().poolSize());
        c.setAutoCommit(true);
        c.setConnectionTimeout(30_000);
        if (location.user() != null) c.setUsername(location.user());
        if (location.password() != null) c.setPassword(location.password());
        if (location.dialect() == Dialect.SQLITE) {
            // WAL lets a second process (create-admin while the server runs) read and wait its turn to write.
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("foreign_keys", "true");
            c.addDataSourceProperty("busy_timeout", "10000");
            c.addDataSourceProperty("synchronous", "FULL");
            // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, waiting up to busy_timeout. A deferred one that
            // read first and then wrote would fail at once with SQLITE_BUSY when another process (a training run posting clip
            // queries, create-admin) wrote meanwhile, since SQLite cannot upgrade a stale read snapshot to a write.
            c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        }
        try {
            return new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new UserError("cannot connect to database " + location.display() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    public Dialect dialect() {
        return location.dialect();
    }

    public DatabaseLocation location() {
        return location;
    }

    /** Work done in one transaction: committed when it returns, rolled back when it throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T transaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
