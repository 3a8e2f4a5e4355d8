package io.motam.gateway.release;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 hash of the release code, as written in the config:
 *
 * <pre>
 *   pbkdf2-sha256:600000:&lt;salt, base64, 16..64 bytes&gt;:&lt;hash, base64, 32 bytes&gt;
 * </pre>
 *
 * Fewer than {@value #MIN_ITERATIONS} iterations are refused (OWASP's floor for
 * PBKDF2-HMAC-SHA256 in 2021; new hashes use {@value #DEFAULT_ITERATIONS}, its 2023 figure).
 * Codes are {@code char[]}, wiped by the caller; the comparison is constant-time.
 */
public final class ReleaseCodeHash {
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int MIN_ITERATIONS = 210_000;
    public static final int DEFAULT_ITERATIONS = 600_000;
    public static final int SALT_LENGTH = 16;
    public static final int HASH_LENGTH = 32;
    /** Shortest release code accepted when making a hash. */
    public static final int MIN_CODE_LENGTH = 6;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private ReleaseCodeHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    /** Parses the config form; the message says what was expected and never echoes the value. */
    public static ReleaseCodeHash parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split(":");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException(
                    "expected " + SCHEME + ":<iterations>:<salt>:<hash> but was " + parts.length
                            + " ':'-separated part(s) starting with '" + (parts.length > 0 ? parts[0] : "") + "'");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number of iterations but was '" + parts[1] + "'");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException(
                    "expected at least " + MIN_ITERATIONS + " iterations but was " + iterations);
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected base64 salt and hash: " + e.getMessage());
        }
        if (salt.length < SALT_LENGTH || salt.length > 64) {
            throw new IllegalArgumentException(
                    "expected a salt of " + SALT_LENGTH + "..64 bytes but was " + salt.length);
        }
        if (hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("expected a hash of " + HASH_LENGTH + " bytes but was " + hash.length);
        }
        return new ReleaseCodeHash(iterations, salt, hash);
    }

    /** Hashes a new code with a fresh salt. */
    public static ReleaseCodeHash create(char[] code, int iterations, SecureRandom random) {
        if (code.length < MIN_CODE_LENGTH) {
            throw new IllegalArgumentException(
                    "expected a code of at least " + MIN_CODE_LENGTH + " characters but was " + code.length);
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException(
                    "expected at least " + MIN_ITERATIONS + " iterations but was " + iterations);
        }
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return new ReleaseCodeHash(iterations, salt, derive(code, salt, iterations));
    }

    /** Whether {@code code} is the release code (constant-time comparison). */
    public boolean matches(char[] code) {
        byte[] candidate = derive(code, salt, iterations);
        try {
            return MessageDigest.isEqual(candidate, hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    public int iterations() {
        return iterations;
    }

    /** The config form. */
    public String encode() {
        return SCHEME + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] derive(char[] code, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(code, salt, iterations, HASH_LENGTH * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "ReleaseCodeHash[" + SCHEME + ", " + iterations + " iterations, redacted]";
    }
}
