package org.rlhf4j.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.rlhf4j.server.db.Database;

/**
 * Login sessions. The cookie carries 256 random bits; the table keeps only their SHA-256, so a
 * copy of the database does not let anyone in. Each session has its own CSRF token.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Duration lifetime;

    public Sessions(Database db, Duration lifetime) {
        this.db = db;
        this.lifetime = lifetime;
    }

    /** 256 random bits, base64url: for cookies, CSRF tokens and the setup token. */
    public static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a session for {@code user}; returns the cookie value (shown once, never stored). */
    public String start(User user) {
        String token = randomToken();
        long now = System.currentTimeMillis();
        db.transaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ?")) {
                d.setLong(1, now);
                d.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, sha256(token));
                s.setLong(2, user.id());
                s.setString(3, randomToken());
                s.setLong(4, now);
                s.setLong(5, now + lifetime.toMillis());
                s.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /** The live session a cookie value names, or empty (unknown, expired or malformed). */
    public Optional<Session> find(String token) {
        if (token == null || token.length() != 43) return Optional.empty();
        long now = System.currentTimeMillis();
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT u.id, u.username, u.role, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?")) {
                s.setString(1, sha256(token));
                s.setLong(2, now);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return Optional.empty();
                    return Optional.of(new Session(new User(r.getLong(1), r.getString(2), Role.fromDb(r.getString(3))), r.getString(4)));
                }
            }
        });
    }

    public void end(String token) {
        if (token == null) return;
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                s.setString(1, sha256(token));
                return s.executeUpdate();
            }
        });
    }
}
