package io.motam.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code motam.gateway.*}: who this gateway is. */
@ConfigMapping(prefix = "motam.gateway")
public interface GatewayConfig {

    /** Gateway id, used in MQTT topics and pairing offers (Identifiers.ID: 1..64 of [A-Za-z0-9._-], the first not a dot). */
    @WithDefault("gw1")
    String id();

    /** How many cameras may be connected at the same time. */
    @WithDefault("1")
    int maxCameras();

    /** {@code motam.gateway.release.*}: the code that lifts a BLOCKED system. */
    Release release();

    /** {@code motam.gateway.audit.*}: how much of the audit log stays on disk. */
    Audit audit();

    interface Audit {
        /** The live {@code audit.jsonl} is rotated to {@code audit.1.jsonl} once it reaches this size. */
        @WithDefault("4M")
        MemorySize rotateSize();

        /** Rotated files kept ({@code audit.1.jsonl} newest); older ones are deleted. */
        @WithDefault("8")
        int keep();
    }

    interface Release {
        /**
         * Salted PBKDF2-HMAC-SHA256 hash of the release code,
         * {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>} (make one with
         * {@code java -jar quarkus-run.jar hash-release-code}). Required unless
         * {@link #allowNoCode()}: without it any client could release a block.
         */
        Optional<String> codeHash();

        /**
         * Whether the gateway may start without a release code hash (then nothing needs a code).
         * {@code false} by default, so a production gateway refuses to start without one; the
         * {@code %dev} and {@code %test} profiles set it.
         */
        @WithDefault("false")
        boolean allowNoCode();

        /** Wrong codes in a row before the release is locked. */
        @WithDefault("5")
        int maxFailures();

        /** How long a lockout lasts; every attempt in it is refused unchecked. */
        @WithDefault("15m")
        Duration lockout();

        /** Whether stop and resume need the release code too. */
        @WithDefault("false")
        boolean requiredForStopResume();
    }
}
