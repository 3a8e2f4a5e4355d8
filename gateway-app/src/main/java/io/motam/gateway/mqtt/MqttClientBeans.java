package io.motam.gateway.mqtt;

import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.config.MqttConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.mqtt.session.ExponentialBackoffDelayOptions;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * MQTT client options of the gateway's two connections, built from {@code motam.mqtt.*}:
 * <ul>
 * <li>the publishing connection ({@link #publisher()}, client id {@code <client-id>}) carries the
 * retained last will {@code availability = offline};</li>
 * <li>the subscribing connection of the Reactive Messaging channels ({@code motam-mqtt} bean,
 * client id {@code <client-id>-sub}) has no will.</li>
 * </ul>
 * Both use the credentials, TLS (CA file, optional client certificate) and reconnect backoff of
 * the configuration.
 */
@ApplicationScoped
public class MqttClientBeans {
    /** Publishes beyond the journal window that may be in flight at once (availability, state, discovery, snapshots). */
    static final int CONTROL_INFLIGHT = 32;

    @Inject
    MqttConfig mqtt;

    @Inject
    MqttBridgeConfig bridge;

    @Inject
    GatewayConfig gateway;

    @Inject
    Topics topics;

    public String clientId() {
        return bridge.clientId().orElse("motam-gw-" + gateway.id());
    }

    /** Options of the publishing connection: last will, and room for the journal window. */
    public MqttClientSessionOptions publisher() {
        MqttClientSessionOptions o = base(clientId());
        o.setWillFlag(true);
        o.setWillTopic(topics.of(Topics.AVAILABILITY));
        o.setWillMessage(Topics.OFFLINE);
        o.setWillQoS(1);
        o.setWillRetain(true);
        o.setMaxInflightQueue(bridge.maxInflight() + CONTROL_INFLIGHT);
        return o;
    }

    @Produces
    @Identifier(Channels.CLIENT_OPTIONS)
    MqttClientSessionOptions subscriber() {
        return base(clientId() + "-sub");
    }

    private MqttClientSessionOptions base(String clientId) {
        MqttClientSessionOptions o = new MqttClientSessionOptions();
        o.setHostname(mqtt.host());
        o.setPort(mqtt.port());
        o.setClientId(clientId);
        o.setCleanSession(true);
        o.setKeepAliveInterval((int) Math.max(1, bridge.keepAlive().toSeconds()));
        o.setTcpNoDelay(true);
        mqtt.username().ifPresent(o::setUsername);
        mqtt.password().ifPresent(o::setPassword);
        o.setReconnectDelay(new ExponentialBackoffDelayOptions()
                .setMinimum(bridge.reconnect().min())
                .setIncrement(java.time.Duration.ofMillis(500))
                .setMaximum(bridge.reconnect().max()));
        if (bridge.tls().enabled()) {
            tls(o, bridge.tls());
        }
        return o;
    }

    static void tls(MqttClientSessionOptions o, MqttBridgeConfig.Tls tls) {
        o.setSsl(true);
        o.setHostnameVerificationAlgorithm(tls.verifyHostname() ? "HTTPS" : "");
        tls.caFile()
                .ifPresent(ca -> o.setPemTrustOptions(new PemTrustOptions().addCertPath(readable(ca, "tls.ca-file"))));
        Optional<Path> cert = tls.clientCertFile();
        Optional<Path> key = tls.clientKeyFile();
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalStateException(
                    "motam.mqtt.tls.client-cert-file and motam.mqtt.tls.client-key-file go together, but only "
                            + (cert.isPresent() ? "the certificate" : "the key") + " is set");
        }
        if (cert.isPresent()) {
            o.setPemKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(readable(cert.get(), "tls.client-cert-file"))
                    .setKeyPath(readable(key.get(), "tls.client-key-file")));
        }
    }

    private static String readable(Path p, String key) {
        if (!Files.isReadable(p)) {
            throw new IllegalStateException("motam.mqtt." + key + " " + p + " is not a readable file");
        }
        return p.toString();
    }
}
