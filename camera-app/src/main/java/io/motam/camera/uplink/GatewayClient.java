package io.motam.camera.uplink;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.PairingOfferConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.config.UplinkConfig;
import io.motam.camera.mode.CameraController;
import io.motam.camera.pairing.OfferInbox;
import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.tcp.TcpLinkConnector;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.session.CipherPreference;
import io.motam.protocol.session.Identity;
import io.motam.protocol.uplink.Uplink;
import io.motam.protocol.uplink.UplinkSettings;
import io.motam.protocol.uplink.VersionRange;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the camera connected to its gateway: the shared {@link Uplink} (TLS 1.3 with the
 * gateway's pinned key, pairing on first contact, events and files out, acks and commands in,
 * keepalive, reconnect with backoff) wired to this camera's key, queues, TCP and mode machine,
 * and, with {@code motam.recognition.restore}, the restore of its last model ({@link RestoredModel}).
 */
@ApplicationScoped
public class GatewayClient {
    @Inject
    CameraConfig camera;

    @Inject
    UplinkConfig config;

    @Inject
    PairingOfferConfig pairing;

    @Inject
    Identity identity;

    @Inject
    Outbox outbox;

    @Inject
    FileOutbox files;

    @Inject
    CameraController controller;

    @Inject
    OfferInbox inbox;

    @Inject
    RecognitionConfig recognition;

    @Inject
    RestoredModel restored;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private Uplink uplink;
    private BluetoothDialer bluetooth;

    void start(@Observes StartupEvent ev) {
        if (!"tcp".equals(config.transport()) && !"bluetooth".equals(config.transport())) {
            throw new IllegalStateException(
                    "motam.link.transport must be tcp or bluetooth but was " + config.transport());
        }
        bluetooth = new BluetoothDialer(
                config.bluetooth().busAddress(),
                config.bluetooth().adapter(),
                config.bluetooth().pairTimeout(),
                config.connectTimeout());
        UplinkSettings settings = new UplinkSettings(
                config.maxPayload(),
                config.keepalive(),
                config.handshakeTimeout(),
                config.fileChunk(),
                VersionRange.SUPPORTED,
                CipherPreference.parse(config.cipherPreference()));
        uplink = new Uplink(
                camera.id(),
                identity,
                outbox,
                files,
                new GatewayTarget(dataDir, inbox, pairing.offerFile()),
                this::dial,
                new Uplink.Handler() {
                    @Override
                    public void welcomed(Welcome welcome) {
                        controller.follow(welcome);
                    }

                    @Override
                    public void command(Command command) {
                        controller.command(command);
                    }
                },
                settings,
                new Uplink.Backoff(config.reconnectMin(), config.reconnectMax()),
                null);
        if (recognition.restore()) {
            uplink.withRestore(restored);
        }
        uplink.start();
    }

    private Link dial(String endpoint) throws IOException {
        boolean bt = endpoint.startsWith(BluetoothAddress.ENDPOINT_PREFIX);
        if (bt != "bluetooth".equals(config.transport())) {
            throw new IOException("the gateway's endpoint " + endpoint + " does not match motam.link.transport="
                    + config.transport());
        }
        return bt
                ? bluetooth.dial(endpoint)
                : TcpLinkConnector.forEndpoint(endpoint, config.connectTimeout())
                        .connect();
    }

    /** Whether the link to the gateway is open now. */
    public boolean connected() {
        return uplink != null && uplink.connected();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (uplink != null) {
            uplink.close();
        }
        if (bluetooth != null) {
            bluetooth.close();
        }
    }
}
