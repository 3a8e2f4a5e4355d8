package io.motam.gateway.http;

import io.motam.protocol.session.SecretFile;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The local API's bearer token: 32 random bytes, base64url, in {@code <data-dir>/api-token}
 * (owner-only, created at the first start, kept across restarts; delete it and restart to make
 * a new one). Every request that changes state or reveals the pairing secret carries it, as
 * {@code Authorization: Bearer <token>} or, for the status page, as the cookie its login form
 * sets. The gateway does not start when the file cannot be read or made.
 */
@Startup
@ApplicationScoped
public class ApiToken {
    private static final Logger LOG = Logger.getLogger(ApiToken.class);
    /** The file's name in the data directory. */
    public static final String FILE = "api-token";

    static final int BYTES = 32;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private byte[] token;

    @PostConstruct
    void load() {
        Path file = path();
        try {
            if (!Files.exists(file)) {
                byte[] raw = new byte[BYTES];
                new SecureRandom().nextBytes(raw);
                SecretFile.write(
                        file,
                        (Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n")
                                .getBytes(StandardCharsets.US_ASCII));
                LOG.infof("created the local API token in %s (owner-only)", file);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (text.length() < 32) {
                throw new IOException("expected a token of at least 32 characters but the file holds " + text.length());
            }
            token = text.getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the local API token " + file + " cannot be read or made; fix or remove it", e);
        }
    }

    /** Whether {@code presented} is the token (constant time). */
    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(token, presented.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a request carries the token as {@code Authorization: Bearer} or as the page's cookie. */
    public boolean authorises(String authorizationHeader, String cookie) {
        String h = authorizationHeader;
        return (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) && matches(h.substring(7))) || matches(cookie);
    }

    public Path path() {
        return dataDir.resolve(FILE);
    }
}
