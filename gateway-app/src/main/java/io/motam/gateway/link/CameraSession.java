package io.motam.gateway.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.registry.AuthorizationLog;
import io.motam.gateway.registry.AuthorizationLog.Decision;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.SystemStateController;
import io.motam.link.Link;
import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.frame.ProtocolException;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.Hello;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.PairProof;
import io.motam.protocol.message.Ping;
import io.motam.protocol.message.Pong;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingProof;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionServer;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One camera connection on the gateway, from the TLS handshake to the end of the link.
 *
 * <ol>
 * <li>TLS 1.3 with mutual certificates; only an authorised key, or any key while a pairing
 * offer is open, completes the handshake.</li>
 * <li>HELLO (version range, camera id); an unregistered key must then send PAIR_PROOF, bound to
 * this session's exporter; a wrong proof ends the link without a word to the peer.</li>
 * <li>WELCOME with the system state and the last durable sequence number.</li>
 * <li>EVENT frames are journaled (fsync) and then acked; duplicates are acked again without a
 * second journal line; a sequence gap closes the link.</li>
 * </ol>
 */
final class CameraSession implements Runnable {
    private static final Logger LOG = Logger.getLogger(CameraSession.class);
    static final int PROTOCOL_VERSION = 1;

    /** What a session needs from the gateway, bundled to keep constructors short. */
    record Context(Identity identity, CameraRegistry registry, PairingDesk desk, AuthorizationLog audit,
            EventJournal journal, SystemStateController state, ActiveCameras active, ObjectMapper mapper,
            ScheduledExecutorService timers, int maxPayload, Duration keepalive, Duration handshakeTimeout) {
    }

    private final Link link;
    private final Context ctx;
    private volatile FrameWriter writer;
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile String cameraId;
    private volatile boolean closed;

    CameraSession(Link link, Context ctx) {
        this.link = link;
        this.ctx = ctx;
    }

    String cameraId() {
        return cameraId;
    }

    @Override
    public void run() {
        ScheduledFuture<?> handshakeGuard = ctx.timers().schedule(() -> {
            LOG.warnf("link %s: no complete handshake within %s, dropped", link.peerAddress(), ctx.handshakeTimeout());
            close();
        }, ctx.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> keepalive = null;
        boolean registered = false;
        try (SecureSession session = SessionServer.accept(link.input(), link.output(), ctx.identity(),
                fp -> ctx.registry().isAuthorised(fp) || ctx.desk().isOpen())) {
            FrameReader reader = new FrameReader(session.in(), ctx.maxPayload());
            writer = new FrameWriter(session.out(), ctx.maxPayload());
            Fingerprint peer = session.peer();
            Hello hello = expect(reader, Hello.class);
            AuthorisedCamera camera = authorise(session, reader, hello, peer);
            if (camera == null) {
                return;
            }
            cameraId = camera.id();
            if (hello.minVersion() > PROTOCOL_VERSION || hello.maxVersion() < PROTOCOL_VERSION) {
                send(new Close(Close.Reason.VERSION_UNSUPPORTED));
                LOG.warnf("camera %s speaks versions %d..%d, we speak %d: closed", cameraId, hello.minVersion(),
                        hello.maxVersion(), PROTOCOL_VERSION);
                return;
            }
            if (!ctx.active().register(this)) {
                ctx.audit().record(Decision.REFUSED, cameraId, peer.hex(), link.peerAddress(),
                        "another camera is connected (max-cameras reached)");
                send(new Close(Close.Reason.ANOTHER_CAMERA_CONNECTED));
                return;
            }
            registered = true;
            handshakeGuard.cancel(false);
            ctx.registry().seen(peer, Instant.now());
            send(new Welcome(PROTOCOL_VERSION, ctx.state().status().system(), ctx.journal().lastSequence(cameraId)));
            ctx.state().cameraLink(cameraId, true);
            long period = Math.max(100, ctx.keepalive().toMillis() / 3);
            keepalive = ctx.timers().scheduleAtFixedRate(this::keepalive, period, period, TimeUnit.MILLISECONDS);
            readLoop(reader);
        } catch (EOFException e) {
            LOG.infof("link %s (%s) closed by peer", link.peerAddress(), cameraId);
        } catch (ProtocolException e) {
            LOG.warnf("link %s (%s) protocol error: %s", link.peerAddress(), cameraId, e.getMessage());
        } catch (IOException e) {
            if (!closed) {
                LOG.infof("link %s (%s) ended: %s", link.peerAddress(), cameraId, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "link %s (%s) failed", link.peerAddress(), cameraId);
        } finally {
            handshakeGuard.cancel(false);
            if (keepalive != null) {
                keepalive.cancel(false);
            }
            close();
            if (registered) {
                ctx.active().unregister(this);
                ctx.state().cameraLink(cameraId, false);
            }
        }
    }

    private AuthorisedCamera authorise(SecureSession session, FrameReader reader, Hello hello, Fingerprint peer)
            throws IOException {
        var known = ctx.registry().find(peer);
        if (known.isPresent()) {
            if (!known.get().id().equals(hello.cameraId())) {
                ctx.audit().record(Decision.DENIED, hello.cameraId(), peer.hex(), link.peerAddress(),
                        "key registered for camera " + known.get().id());
                return null;
            }
            ctx.audit().record(Decision.GRANTED, hello.cameraId(), peer.hex(), link.peerAddress(), "known key");
            return known.get();
        }
        PairProof proof = expect(reader, PairProof.class);
        byte[] exporter = session.exporter(PairingProof.EXPORTER_LABEL, PairingProof.EXPORTER_LENGTH);
        PairingDesk.Outcome outcome = ctx.desk().redeem(proof.proof(), exporter, peer);
        if (outcome != PairingDesk.Outcome.GRANTED) {
            ctx.audit().record(Decision.DENIED, hello.cameraId(), peer.hex(), link.peerAddress(),
                    "pairing " + outcome.name().toLowerCase().replace('_', ' '));
            return null;
        }
        AuthorisedCamera c = ctx.registry().register(hello.cameraId(), peer, link.peerAddress(), Instant.now());
        ctx.audit().record(Decision.GRANTED, c.id(), peer.hex(), link.peerAddress(), "paired with a one-time offer");
        return c;
    }

    private void readLoop(FrameReader reader) throws IOException {
        long last = ctx.journal().lastSequence(cameraId);
        while (true) {
            Frame frame = reader.readRequired();
            lastReceivedNanos = System.nanoTime();
            Message m = MessageCodec.decode(frame);
            if (m instanceof Event e) {
                long seq = frame.sequence();
                if (seq <= last) {
                    send(new Ack(last)); // a resend of something durable: ack, do not journal twice
                    continue;
                }
                if (seq != last + 1) {
                    // only possible when this gateway lost its journal or the camera its outbox: the
                    // camera is authenticated, so record the hole loudly and carry on
                    LOG.warnf("camera %s: events %d..%d never reached this gateway (journal or outbox lost)",
                            cameraId, last + 1, seq - 1);
                }
                ctx.journal().append(EventJson.topicOf(e), cameraId, seq, EventJson.of(ctx.mapper(), e, cameraId, seq));
                last = seq;
                if (e instanceof ModeChanged mc) {
                    ctx.state().cameraMode(cameraId, mc.to(), mc.alertCount());
                }
                send(new Ack(seq));
            } else if (m instanceof Ping p) {
                send(new Pong(p.nonce()));
            } else if (m instanceof Close c) {
                LOG.infof("camera %s closed the session: %s", cameraId, c.reason());
                return;
            } else if (!(m instanceof Pong)) {
                throw new CorruptFrameException("unexpected " + frame.type() + " from camera");
            }
        }
    }

    /** Forwards an authorised operator command to the camera. */
    void send(Command command) throws IOException {
        send((Message) command);
    }

    private void send(Message m) throws IOException {
        FrameWriter w = writer;
        if (w == null) {
            throw new IOException("session not established");
        }
        w.write(MessageCodec.toFrame(m, 0));
    }

    private void keepalive() {
        long idle = System.nanoTime() - lastReceivedNanos;
        if (idle > ctx.keepalive().toNanos()) {
            LOG.warnf("camera %s silent for %d ms: link closed", cameraId, TimeUnit.NANOSECONDS.toMillis(idle));
            close();
            return;
        }
        try {
            send(new Ping(ThreadLocalRandom.current().nextLong()));
        } catch (IOException e) {
            close();
        }
    }

    private <T extends Message> T expect(FrameReader reader, Class<T> type) throws IOException {
        Frame f = reader.readRequired();
        lastReceivedNanos = System.nanoTime();
        Message m = MessageCodec.decode(f);
        if (!type.isInstance(m)) {
            throw new CorruptFrameException("expected " + type.getSimpleName() + " but was " + f.type());
        }
        return type.cast(m);
    }

    void close() {
        closed = true;
        link.close();
    }

    @Override
    public String toString() {
        return "CameraSession[" + cameraId + " " + link.peerAddress() + "]";
    }

}
