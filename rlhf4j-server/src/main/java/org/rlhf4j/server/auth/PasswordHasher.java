package org.rlhf4j.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (base64) so the iteration count can rise later while old hashes still verify.
 * {@value #DEFAULT_ITERATIONS} iterations is OWASP's 2023 figure for this function.
 */
public final class PasswordHasher {
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a hash is too cheap to slow down guessing; tests may go this low, no lower. */
    public static final int MIN_ITERATIONS = 1_000;
    public static final int MIN_PASSWORD_LENGTH = 10, MAX_PASSWORD_LENGTH = 256;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16, HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when a user does not exist, so an unknown name costs as long as a wrong password. */
    private final String decoy;

    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS) throw new IllegalArgumentException("passwordIterations must be >= " + MIN_ITERATIONS + ", got " + iterations);
        this.iterations = iterations;
        this.decoy = hash("decoy password, never a real one");
    }

    /** Refuses passwords too short to resist guessing or too long to hash cheaply; the message names the rule. */
    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) throw new IllegalArgumentException("password must have at most " + MAX_PASSWORD_LENGTH + " characters");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /** True when {@code password} matches {@code stored}; a malformed stored hash never matches. */
    public boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) return false;
        try {
            int n = Integer.parseInt(parts[1]);
            if (n < MIN_ITERATIONS) return false;
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one verification and returns false: for a login whose user does not exist. */
    public boolean verifyNobody(String password) {
        verify(password, decoy);
        return false;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
