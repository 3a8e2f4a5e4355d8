package io.motam.camera.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code motam.link.*} on the camera: how it reaches the gateway. */
@ConfigMapping(prefix = "motam.link")
public interface UplinkConfig {

    /** {@code tcp} (Bluetooth RFCOMM arrives with the Bluetooth work). */
    @WithDefault("tcp")
    String transport();

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
}
