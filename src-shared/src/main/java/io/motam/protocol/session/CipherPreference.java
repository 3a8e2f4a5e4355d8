package io.motam.protocol.session;

import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which TLS 1.3 cipher suite an end of the link puts first ({@code motam.link.cipher-preference}).
 *
 * <p>{@link #AUTO} decides as WireGuard and BoringSSL do: AES-GCM where the CPU has AES
 * instructions ({@link AesInstructions}), ChaCha20-Poly1305 where it has not or where that cannot
 * be told. Whatever each end prefers, both always agree on one suite: the server picks (see
 * {@link Tls13Profile#serverOrder}).
 */
public enum CipherPreference {
    /** Decide from the CPU. */
    AUTO("auto"),
    /** TLS_CHACHA20_POLY1305_SHA256 first. */
    CHACHA20("chacha20"),
    /** TLS_AES_128_GCM_SHA256 first. */
    AES_GCM("aes-gcm");

    private static final Logger LOG = Logger.getLogger(CipherPreference.class);

    private final String key;

    CipherPreference(String key) {
        this.key = key;
    }

    /** The configuration spelling: {@code auto}, {@code chacha20} or {@code aes-gcm}. */
    public String key() {
        return key;
    }

    /** Parses the configuration spelling (case-insensitive). */
    public static CipherPreference parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (CipherPreference p : values()) {
            if (p.key.equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "expected a cipher preference of auto, chacha20 or aes-gcm but was \"" + value + "\"");
    }

    /** {@link #CHACHA20} or {@link #AES_GCM}: {@link #AUTO} resolved on this machine's CPU. */
    public CipherPreference resolve() {
        return this == AUTO ? Detected.VALUE : this;
    }

    /** {@link #AUTO} resolved for a CPU whose AES instructions are as given (empty: unknown). */
    static CipherPreference forCpu(Optional<Boolean> aes) {
        return aes.orElse(false) ? AES_GCM : CHACHA20;
    }

    /** The CPU does not change while the process runs: read once, logged once. */
    private static final class Detected {
        static final CipherPreference VALUE = detect();

        private static CipherPreference detect() {
            Optional<Boolean> aes = AesInstructions.detect();
            CipherPreference p = forCpu(aes);
            LOG.infof(
                    "Link cipher preference %s: %s",
                    p.key,
                    aes.isEmpty()
                            ? AesInstructions.CPUINFO + " names no CPU features, assuming no AES instructions"
                            : aes.get() ? "the CPU has AES instructions" : "the CPU has no AES instructions");
            return p;
        }
    }
}
