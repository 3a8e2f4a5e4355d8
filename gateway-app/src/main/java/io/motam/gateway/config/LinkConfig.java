package io.motam.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code motam.link.*}: how cameras reach the gateway. */
@ConfigMapping(prefix = "motam.link")
public interface LinkConfig {

    /** {@code tcp} (development, boards without Bluetooth). */
    @WithDefault("tcp")
    String transport();

    Tcp tcp();

    /** Largest frame payload accepted, in bytes (hard ceiling 1 MiB). */
    @WithDefault("65792")
    int maxPayload();

    /** A link that has been silent this long is dead and gets closed. */
    @WithDefault("10s")
    Duration keepalive();

    /** A peer that has not finished the handshake within this time is dropped. */
    @WithDefault("10s")
    Duration handshakeTimeout();

    interface Tcp {
        /** Address to listen on. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port to listen on (0 picks a free one, logged at start). */
        @WithDefault("7420")
        int port();
    }
}
