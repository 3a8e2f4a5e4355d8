package io.motam.camera.uplink;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.PairingConfig;
import io.motam.camera.config.UplinkConfig;
import io.motam.camera.mode.CameraController;
import io.motam.link.Link;
import io.motam.link.tcp.TcpLinkConnector;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Hello;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.PairProof;
import io.motam.protocol.message.Ping;
import io.motam.protocol.message.Pong;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingProof;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the camera connected to its gateway: connect, TLS 1.3 with the gateway's pinned key,
 * HELLO, the pairing proof on first contact, WELCOME; then sends the outbox in order and
 * handles acks, commands and keepalive. Any failure closes the link and retries with backoff;
 * unacknowledged events stay in the outbox and are sent again.
 */
@ApplicationScoped
public class GatewayClient {
    private static final Logger LOG = Logger.getLogger(GatewayClient.class);
    static final int PROTOCOL_VERSION = 1;

    @Inject CameraConfig camera;
    @Inject UplinkConfig config;
    @Inject PairingConfig pairing;
    @Inject Identity identity;
    @Inject Outbox outbox;
    @Inject CameraController controller;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private volatile boolean running;
    private volatile Link current;
    private volatile boolean connected;
    private Thread worker;

    void start(@Observes StartupEvent ev) {
        running = true;
        worker = new Thread(this::run, "motam-uplink");
        worker.setDaemon(true);
        worker.start();
    }

    public boolean connected() {
        return connected;
    }

    private void run() {
        long backoff = config.reconnectMin().toMillis();
        while (running) {
            try {
                Optional<GatewayPin> pin = GatewayPin.load(dataDir);
                Optional<PairingOffer> offer = Optional.empty();
                if (pin.isEmpty()) {
                    offer = findOffer();
                    if (offer.isEmpty()) {
                        sleep(backoff);
                        continue;
                    }
                }
                boolean useful = session(pin, offer);
                if (useful) {
                    backoff = config.reconnectMin().toMillis();
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warnf("gateway link: %s; retrying in %d ms", e.getMessage(), backoff);
                }
            } finally {
                connected = false;
            }
            sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
            backoff = Math.min(backoff * 2, config.reconnectMax().toMillis());
        }
    }

    private Optional<PairingOffer> findOffer() throws IOException {
        if (pairing.offerFile().isEmpty()) {
            LOG.warn("no gateway paired and no motam.pairing.offer-file configured: waiting");
            return Optional.empty();
        }
        Optional<PairingOffer> offer = OfferSource.read(pairing.offerFile().get());
        if (offer.isEmpty()) {
            LOG.infof("waiting for a pairing offer in %s", pairing.offerFile().get());
        }
        return offer;
    }

    /** One connection; returns true when it reached WELCOME. */
    private boolean session(Optional<GatewayPin> pin, Optional<PairingOffer> offer) throws IOException {
        String endpoint = pin.map(GatewayPin::endpoint).orElseGet(() -> offer.get().endpoint());
        var expected = pin.map(GatewayPin::fingerprint).orElseGet(() -> offer.get().gatewayFingerprint());
        Link link = TcpLinkConnector.forEndpoint(endpoint, config.connectTimeout()).connect();
        current = link;
        try (SecureSession session = SessionClient.connect(link.input(), link.output(), identity, expected)) {
            FrameReader reader = new FrameReader(session.in(), config.maxPayload());
            FrameWriter writer = new FrameWriter(session.out(), config.maxPayload());
            writer.write(MessageCodec.toFrame(new Hello(PROTOCOL_VERSION, PROTOCOL_VERSION, camera.id()), 0));
            if (offer.isPresent()) {
                byte[] exporter = session.exporter(PairingProof.EXPORTER_LABEL, PairingProof.EXPORTER_LENGTH);
                byte[] proof = PairingProof.compute(offer.get().secret(), exporter, identity.fingerprint());
                writer.write(MessageCodec.toFrame(new PairProof(proof), 0));
            }
            Message first = MessageCodec.decode(reader.readRequired());
            if (first instanceof Close c) {
                LOG.warnf("gateway closed the session: %s", c.reason());
                return false;
            }
            if (!(first instanceof Welcome w)) {
                throw new CorruptFrameException("expected WELCOME but was " + first.frameType());
            }
            if (offer.isPresent()) {
                new GatewayPin(offer.get().gatewayId(), endpoint, expected).save(dataDir);
                LOG.infof("paired with gateway %s (%s)", offer.get().gatewayId(), expected.hex());
            }
            connected = true;
            LOG.infof("connected to gateway at %s, system %s, %d event(s) to send", endpoint, w.systemState(),
                    outbox.lastSequence() - Math.max(w.lastAcked(), outbox.lastAcked()));
            outbox.acked(Math.min(w.lastAcked(), outbox.lastSequence()));
            controller.follow(w.systemState());
            Thread receiver = new Thread(() -> receive(reader, writer, link), "motam-uplink-rx");
            receiver.setDaemon(true);
            receiver.start();
            send(writer, Math.max(w.lastAcked(), outbox.lastAcked()), receiver);
            return true;
        } finally {
            link.close();
            current = null;
        }
    }

    /** Sends outbox frames in order as they appear, and pings when idle, until the receiver ends. */
    private void send(FrameWriter writer, long from, Thread receiver) throws IOException {
        long sent = from;
        long pingEvery = Math.max(100, config.keepalive().toMillis() / 3);
        long lastWrite = System.nanoTime();
        while (running && receiver.isAlive()) {
            List<Frame> frames;
            try {
                frames = outbox.after(sent, pingEvery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (Frame f : frames) {
                writer.write(f, false);
                sent = f.sequence();
            }
            if (!frames.isEmpty()) {
                writer.flush();
                lastWrite = System.nanoTime();
            } else if (System.nanoTime() - lastWrite >= pingEvery * 1_000_000L) {
                writer.write(MessageCodec.toFrame(new Ping(ThreadLocalRandom.current().nextLong()), 0));
                lastWrite = System.nanoTime();
            }
        }
    }

    private void receive(FrameReader reader, FrameWriter writer, Link link) {
        Watchdog dog = new Watchdog(config.keepalive(), link::close);
        try {
            while (running) {
                Frame f = reader.readRequired();
                dog.fed();
                Message m = MessageCodec.decode(f);
                if (m instanceof Ack a) {
                    outbox.acked(a.sequence());
                } else if (m instanceof Command c) {
                    controller.command(c);
                } else if (m instanceof Ping p) {
                    writer.write(MessageCodec.toFrame(new Pong(p.nonce()), 0));
                } else if (m instanceof Close c) {
                    LOG.infof("gateway closed the session: %s", c.reason());
                    return;
                } else if (!(m instanceof Pong)) {
                    throw new CorruptFrameException("unexpected " + f.type() + " from the gateway");
                }
            }
        } catch (IOException e) {
            if (running) {
                LOG.infof("gateway link lost: %s", e.getMessage());
            }
        } finally {
            dog.stop();
            link.close();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        Link l = current;
        if (l != null) {
            l.close();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
