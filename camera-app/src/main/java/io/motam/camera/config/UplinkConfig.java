package io.motam.camera.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code motam.link.*} on the camera: how it reaches the gateway. */
@ConfigMapping(prefix = "motam.link")
public interface UplinkConfig {

    /**
     * {@code tcp} or {@code bluetooth}. The camera dials what its pairing offer names
     * ({@code tcp:host:port} or {@code bt:AA:BB:CC:DD:EE:FF}); this key says which kind it expects,
     * and an offer of the other kind is refused with a clear log line.
     */
    @WithDefault("tcp")
    String transport();

    /** Bluetooth settings, used when the gateway's endpoint is {@code bt:...}. */
    Bluetooth bluetooth();

    interface Bluetooth {
        /**
         * D-Bus address of the bus BlueZ is on, e.g. {@code unix:path=/run/dbus/system_bus_socket};
         * unset: the system bus ({@code DBUS_SYSTEM_BUS_ADDRESS} or {@code /var/run/dbus/system_bus_socket}).
         */
        java.util.Optional<String> busAddress();

        /** Local adapter. */
        @WithDefault("hci0")
        String adapter();

        /** Bound of discovery + pairing with the gateway's adapter at first contact. */
        @WithDefault("60s")
        Duration pairTimeout();
    }

    /**
     * TLS cipher suite this end puts first: {@code auto} (ChaCha20-Poly1305 on a CPU without AES
     * instructions, such as a Raspberry Pi 3 or 4; AES-GCM where it has them), {@code chacha20} or
     * {@code aes-gcm}. The gateway picks: ChaCha20 if either end prefers it.
     */
    @WithDefault("auto")
    String cipherPreference();

    /** Largest frame payload accepted from the gateway (bytes). */
    @WithDefault("65792")
    int maxPayload();

    /** A link silent for this long is considered dead and reopened. */
    @WithDefault("10s")
    Duration keepalive();

    @WithDefault("5s")
    Duration connectTimeout();

    /** First wait before reconnecting; doubles up to {@link #reconnectMax()}. */
    @WithDefault("500ms")
    Duration reconnectMin();

    @WithDefault("30s")
    Duration reconnectMax();

    /** Unacknowledged events kept on disk at most. */
    @WithDefault("100000")
    int outboxLimit();

    /** TLS handshake plus HELLO .. WELCOME must finish within this, or the attempt is dropped. */
    @WithDefault("10s")
    Duration handshakeTimeout();

    /** File bytes per FILE_CHUNK (1024 .. 65536); smaller chunks let events overtake a file sooner on a slow link. */
    @WithDefault("65536")
    int fileChunk();

    /** Files waiting for the gateway at most (the oldest snapshots are dropped first to make room). */
    @WithDefault("1000")
    int fileQueueMaxFiles();

    /** Bytes of files waiting for the gateway at most. */
    @WithDefault("1073741824")
    long fileQueueMaxBytes();

    /**
     * How often rotated log files ({@code quarkus.log.file.*}) are queued for the gateway's backup
     * store; 0 turns log shipping off.
     */
    @WithDefault("1m")
    Duration logShipInterval();
}
