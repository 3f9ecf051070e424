package org.rlhf4j.server.db;

import java.nio.file.Path;

/**
 * Where the app keeps its data: an SQLite file (one embedded file, the default) or a PostgreSQL
 * server named by a JDBC URL. Both get the same schema from the same migrations.
 *
 * @param jdbcUrl  the JDBC URL, {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
 * @param user     PostgreSQL user, or null (SQLite, or a user named in the URL)
 * @param password PostgreSQL password, or null
 */
public record DatabaseLocation(String jdbcUrl, String user, String password) {
    public DatabaseLocation {
        if (jdbcUrl == null || jdbcUrl.isBlank()) throw new IllegalArgumentException("database must be a file or a jdbc:postgresql:// URL");
        if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:sqlite: or jdbc:postgresql:, got " + jdbcUrl.replaceAll("password=[^&]*", "password=..."));
        }
    }

    /** A file path or a JDBC URL, as given to {@code --db}. */
    public static DatabaseLocation parse(String fileOrUrl) {
        if (fileOrUrl == null || fileOrUrl.isBlank()) throw new IllegalArgumentException("--db must name a file or a jdbc:postgresql:// URL");
        if (fileOrUrl.startsWith("jdbc:")) return new DatabaseLocation(fileOrUrl, null, null);
        return sqlite(Path.of(fileOrUrl));
    }

    /** Whether {@code fileOrUrl} names a database: a JDBC URL, or a file that starts with SQLite's header. */
    public static boolean isDatabase(String fileOrUrl) {
        if (fileOrUrl.startsWith("jdbc:")) return true;
        Path p = Path.of(fileOrUrl);
        if (!java.nio.file.Files.isRegularFile(p)) return false;
        byte[] header = new byte[16];
        try (var in = java.nio.file.Files.newInputStream(p)) {
            return in.readNBytes(header, 0, 16) == 16 && new String(header, java.nio.charset.StandardCharsets.ISO_8859_1).equals("SQLite format 3\0");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public static DatabaseLocation sqlite(Path file) {
        return new DatabaseLocation("jdbc:sqlite:" + file.toAbsolutePath(), null, null);
    }

    public Dialect dialect() {
        return jdbcUrl.startsWith("jdbc:sqlite:") ? Dialect.SQLITE : Dialect.POSTGRESQL;
    }

    /** The URL without credentials, for messages and logs. */
    public String display() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=...");
    }
}
