package io.motam.protocol.uplink;

import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.session.CipherPreference;
import java.time.Duration;
import java.util.Objects;

/**
 * The tunables of one end of an uplink (from {@code motam.link.*}).
 *
 * @param maxPayload largest frame payload accepted from the peer; at least
 *        {@link FrameFormat#DEFAULT_MAX_PAYLOAD} so that a 64 KiB file chunk always fits (every
 *        sender relies on it), at most {@link FrameFormat#MAX_PAYLOAD_CEILING}
 * @param keepalive a link from which nothing arrived for this long is dead; pings go out every
 *        quarter of it
 * @param handshakeTimeout TLS handshake plus HELLO .. WELCOME must finish within this
 * @param fileChunk file bytes per FILE_CHUNK, 1 KiB .. 64 KiB
 * @param versions protocol versions spoken
 * @param cipherPreference the TLS cipher suite this end puts first ({@code motam.link.cipher-preference})
 */
public record UplinkSettings(
        int maxPayload,
        Duration keepalive,
        Duration handshakeTimeout,
        int fileChunk,
        VersionRange versions,
        CipherPreference cipherPreference) {
    /** Shortest keepalive: below it a busy machine's scheduling delays look like a dead link. */
    public static final Duration MIN_KEEPALIVE = Duration.ofMillis(200);

    public static final UplinkSettings DEFAULT = new UplinkSettings(
            FrameFormat.DEFAULT_MAX_PAYLOAD,
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            FileChunk.DEFAULT_DATA_LENGTH,
            VersionRange.SUPPORTED,
            CipherPreference.AUTO);

    public UplinkSettings {
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(cipherPreference, "cipherPreference");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(versions, "versions");
        if (maxPayload < FrameFormat.DEFAULT_MAX_PAYLOAD || maxPayload > FrameFormat.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException("expected a max payload of " + FrameFormat.DEFAULT_MAX_PAYLOAD + ".."
                    + FrameFormat.MAX_PAYLOAD_CEILING + " but was " + maxPayload);
        }
        if (keepalive.compareTo(MIN_KEEPALIVE) < 0 || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("expected a keepalive of at least " + MIN_KEEPALIVE
                    + " and a positive handshake timeout but were " + keepalive + ", " + handshakeTimeout);
        }
        if (fileChunk < 1024 || fileChunk > FileChunk.DEFAULT_DATA_LENGTH) {
            throw new IllegalArgumentException(
                    "expected a file chunk of 1024.." + FileChunk.DEFAULT_DATA_LENGTH + " bytes but was " + fileChunk);
        }
    }

    /** Settings with the cipher preference decided from the CPU ({@link CipherPreference#AUTO}). */
    public UplinkSettings(
            int maxPayload, Duration keepalive, Duration handshakeTimeout, int fileChunk, VersionRange versions) {
        this(maxPayload, keepalive, handshakeTimeout, fileChunk, versions, CipherPreference.AUTO);
    }

    public UplinkSettings withKeepalive(Duration value) {
        return new UplinkSettings(maxPayload, value, handshakeTimeout, fileChunk, versions, cipherPreference);
    }

    public UplinkSettings withHandshakeTimeout(Duration value) {
        return new UplinkSettings(maxPayload, keepalive, value, fileChunk, versions, cipherPreference);
    }

    public UplinkSettings withVersions(VersionRange value) {
        return new UplinkSettings(maxPayload, keepalive, handshakeTimeout, fileChunk, value, cipherPreference);
    }

    public UplinkSettings withCipherPreference(CipherPreference value) {
        return new UplinkSettings(maxPayload, keepalive, handshakeTimeout, fileChunk, versions, value);
    }

    public UplinkSettings withFileChunk(int value) {
        return new UplinkSettings(maxPayload, keepalive, handshakeTimeout, value, versions, cipherPreference);
    }
}
