package io.motam.gateway.mqtt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code motam.mqtt.*} keys of the bridge beyond the broker address and credentials (those are
 * in {@link io.motam.gateway.config.MqttConfig}). Documented in docs/mqtt.md, "Configuration".
 */
@ConfigMapping(prefix = "motam.mqtt")
public interface MqttBridgeConfig {

    /**
     * Client id of the publishing connection (it carries the last will); the subscribing
     * connection uses this id with {@code -sub}. Default {@code motam-gw-<gateway id>}.
     */
    Optional<String> clientId();

    /** Journal entries published and not yet acknowledged by the broker, at most. */
    @WithDefault("64")
    int maxInflight();

    /** MQTT keep-alive: a broker that stays silent this long counts as gone. */
    @WithDefault("10s")
    Duration keepAlive();

    /** How often the retained {@code <prefix>/<gateway>/diagnostics} topic is published again. */
    @WithDefault("60s")
    Duration diagnosticsInterval();

    Reconnect reconnect();

    Tls tls();

    Discovery discovery();

    interface Reconnect {
        /** First delay before reconnecting after the broker went away. */
        @WithDefault("200ms")
        Duration min();

        /** Longest delay between reconnect attempts (the delay grows by 500 ms per attempt). */
        @WithDefault("10s")
        Duration max();
    }

    interface Tls {
        /** Connect with TLS (usually to port 8883). */
        @WithDefault("false")
        boolean enabled();

        /** PEM file of the CA(s) that signed the broker's certificate; the JVM's trust store when absent. */
        Optional<Path> caFile();

        /** PEM certificate (chain) presented to a broker that asks for client certificates. */
        Optional<Path> clientCertFile();

        /** PEM private key (PKCS#8) of the client certificate; keep it owner-only. */
        Optional<Path> clientKeyFile();

        /** Check that the broker's certificate names the host dialled. */
        @WithDefault("true")
        boolean verifyHostname();
    }

    interface Discovery {
        /** Publish Home Assistant device discovery. */
        @WithDefault("true")
        boolean enabled();

        /** Home Assistant's discovery prefix (its birth topic is {@code <prefix>/status}). */
        @WithDefault("homeassistant")
        String prefix();

        /**
         * The device's {@code configuration_url} (the status page as Home Assistant's users reach
         * it); default {@code http://<motam.http.host>:<port>/} when that host is not loopback or
         * a wildcard, else none.
         */
        Optional<String> configurationUrl();

        /** Longest random delay before answering Home Assistant's birth message ({@code online}). */
        @WithDefault("5s")
        Duration birthDelayMax();

        /** Release code entry in Home Assistant's alarm panel: {@code text} or {@code number}. */
        @WithDefault("text")
        String codeFormat();
    }
}
