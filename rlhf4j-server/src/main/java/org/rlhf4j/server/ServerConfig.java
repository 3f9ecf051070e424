package org.rlhf4j.server;

import java.time.Duration;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.db.DatabaseLocation;

/**
 * How the feedback web app runs.
 *
 * @param bindAddress             where to listen; loopback by default, so exposing the app is a decision
 * @param port                    TCP port; 0 picks a free one
 * @param database                SQLite file or PostgreSQL URL
 * @param sessionLifetime         how long a login lasts
 * @param passwordIterations      PBKDF2 iterations for new password hashes
 * @param loginFailuresPerUser    failed logins allowed per account name within {@code loginWindow}
 * @param loginFailuresPerAddress failed logins allowed per client address within {@code loginWindow}
 * @param loginWindow             the sliding window of the login limits
 * @param maxBodyBytes            the largest JSON or form body accepted
 * @param maxImportBytes          the largest item file an admin may upload
 * @param secureCookies           mark cookies Secure: set when a TLS proxy serves the app
 */
public record ServerConfig(String bindAddress, int port, DatabaseLocation database, Duration sessionLifetime, int passwordIterations,
        int loginFailuresPerUser, int loginFailuresPerAddress, Duration loginWindow, int maxBodyBytes, long maxImportBytes, boolean secureCookies) {
    public ServerConfig {
        if (bindAddress == null || bindAddress.isBlank()) throw new IllegalArgumentException("bindAddress must be set, e.g. 127.0.0.1");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        if (database == null) throw new IllegalArgumentException("database must be set");
        if (sessionLifetime == null || sessionLifetime.isNegative() || sessionLifetime.isZero()) throw new IllegalArgumentException("sessionLifetime must be positive");
        if (passwordIterations < PasswordHasher.MIN_ITERATIONS) throw new IllegalArgumentException("passwordIterations must be >= " + PasswordHasher.MIN_ITERATIONS + ", got " + passwordIterations);
        if (loginFailuresPerUser < 1) throw new IllegalArgumentException("loginFailuresPerUser must be >= 1, got " + loginFailuresPerUser);
        if (loginFailuresPerAddress < loginFailuresPerUser) throw new IllegalArgumentException("loginFailuresPerAddress must be >= loginFailuresPerUser (" + loginFailuresPerUser + "), got " + loginFailuresPerAddress);
        if (loginWindow == null || loginWindow.isNegative() || loginWindow.isZero()) throw new IllegalArgumentException("loginWindow must be positive");
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("maxBodyBytes must be >= 1024, got " + maxBodyBytes);
        if (maxImportBytes < 1024) throw new IllegalArgumentException("maxImportBytes must be >= 1024, got " + maxImportBytes);
    }

    public static final int DEFAULT_PORT = 8080;

    public static ServerConfig defaults(DatabaseLocation database) {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, database, Duration.ofHours(12), PasswordHasher.DEFAULT_ITERATIONS,
                5, 50, Duration.ofMinutes(15), 1 << 20, 64L << 20, false);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(bindAddress, port, database, sessionLifetime, passwordIterations, loginFailuresPerUser, loginFailuresPerAddress, loginWindow, maxBodyBytes, maxImportBytes, secureCookies);
    }

    public ServerConfig withBindAddress(String bindAddress) {
        return new ServerConfig(bindAddress, port, database, sessionLifetime, passwordIterations, loginFailuresPerUser, loginFailuresPerAddress, loginWindow, maxBodyBytes, maxImportBytes, secureCookies);
    }

    public ServerConfig withPasswordIterations(int passwordIterations) {
        return new ServerConfig(bindAddress, port, database, sessionLifetime, passwordIterations, loginFailuresPerUser, loginFailuresPerAddress, loginWindow, maxBodyBytes, maxImportBytes, secureCookies);
    }

    public ServerConfig withSecureCookies(boolean secureCookies) {
        return new ServerConfig(bindAddress, port, database, sessionLifetime, passwordIterations, loginFailuresPerUser, loginFailuresPerAddress, loginWindow, maxBodyBytes, maxImportBytes, secureCookies);
    }
}
