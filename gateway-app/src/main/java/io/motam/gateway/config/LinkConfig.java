package io.motam.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code motam.link.*}: how cameras reach the gateway. */
@ConfigMapping(prefix = "motam.link")
public interface LinkConfig {

    /** {@code bluetooth} (RFCOMM over BlueZ, the production default) or {@code tcp} (development, boards without Bluetooth). */
    @WithDefault("tcp")
    String transport();

    Tcp tcp();

    /** RFCOMM settings, used when {@code transport=bluetooth}. */
    Bluetooth bluetooth();

    /**
     * TLS cipher suite this end puts first: {@code auto} (ChaCha20-Poly1305 on a CPU without AES
     * instructions, such as a Raspberry Pi 3 or 4; AES-GCM where it has them), {@code chacha20} or
     * {@code aes-gcm}. The gateway picks: ChaCha20 if either end prefers it.
     */
    @WithDefault("auto")
    String cipherPreference();

    /** Largest frame payload accepted, in bytes (hard ceiling 1 MiB). */
    @WithDefault("65792")
    int maxPayload();

    /** A link that has been silent this long is dead and gets closed. */
    @WithDefault("10s")
    Duration keepalive();

    /** A peer that has not finished the handshake (TLS, HELLO .. WELCOME) within this time is dropped. */
    @WithDefault("10s")
    Duration handshakeTimeout();

    /**
     * Links in their handshake (TLS, HELLO .. WELCOME) at the same time, from all sources; a link
     * beyond it is closed at once and counted in {@code motam_link_handshakes_refused_total}.
     */
    @WithDefault("8")
    int maxHandshakes();

    /**
     * Links in their handshake at the same time from one source (a TCP peer's IP address, a
     * Bluetooth device); one more from it is closed at once.
     */
    @WithDefault("2")
    int maxHandshakesPerSource();

    /** Largest file a camera may send, in bytes; a larger offer is refused (FILE_DONE REJECTED). */
    @WithDefault("268435456")
    long maxFileSize();

    /** A file in transfer is fsync'd and acknowledged (FILE_ACK) every this many bytes. */
    @WithDefault("1048576")
    long fileCheckpoint();

    /**
     * Received files of 1 MiB and more bypass the page cache (direct I/O) where the file system
     * allows it; false writes every file through the cache.
     */
    @WithDefault("true")
    boolean directIo();

    interface Bluetooth {
        /**
         * D-Bus address of the bus BlueZ is on, e.g. {@code unix:path=/run/dbus/system_bus_socket};
         * unset: the system bus ({@code DBUS_SYSTEM_BUS_ADDRESS} or {@code /var/run/dbus/system_bus_socket}).
         */
        java.util.Optional<String> busAddress();

        /** Local adapter that serves the Serial Port profile. */
        @WithDefault("hci0")
        String adapter();

        /** RFCOMM channel of the Serial Port profile. */
        @WithDefault("1")
        int channel();

        /**
         * Thrown-out devices remembered in {@code blocked.json} (lifted by the next pairing offer);
         * beyond it the oldest is forgotten (logged and audited) and stays blocked on the adapter.
         */
        @WithDefault("128")
        int maxBlocked();
    }

    interface Tcp {
        /** Address to listen on. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port to listen on (0 picks a free one, logged at start). */
        @WithDefault("7420")
        int port();

        /** Connections the kernel queues before the link server takes them. */
        @WithDefault("50")
        int backlog();
    }
}
