package io.motam.protocol.uplink;

import io.motam.link.Link;
import io.motam.protocol.file.FileSender;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.frame.UnexpectedMessageException;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.FileAck;
import io.motam.protocol.message.FileDone;
import io.motam.protocol.message.Hello;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.PairProof;
import io.motam.protocol.message.Ping;
import io.motam.protocol.message.Pong;
import io.motam.protocol.message.RestoreChunk;
import io.motam.protocol.message.RestoreNone;
import io.motam.protocol.message.RestoreOffer;
import io.motam.protocol.message.RestoreRequest;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingProof;
import io.motam.protocol.restore.RestoreReceiver;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionClient;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection of the camera to the gateway, run on the caller's thread (which then reads);
 * a second thread ({@link Outgoing}) writes.
 *
 * <pre>
 *  TLS_HANDSHAKE --session--&gt; AWAIT_WELCOME --WELCOME (version in range)--&gt; OPEN
 *  AWAIT_WELCOME --CLOSE(reason)--&gt; CLOSED          (e.g. VERSION_UNSUPPORTED, ANOTHER_CAMERA_CONNECTED)
 *  AWAIT_WELCOME --WELCOME (version out of range) / CLOSE(VERSION_UNSUPPORTED)--&gt; CLOSING
 *  OPEN --bad input / shutdown--&gt; CLOSING (CLOSE sent, read until the peer closes or the linger ends)
 *  OPEN --keepalive silence--&gt; CLOSED  (link dropped at once)
 * </pre>
 *
 * With a restore wish and version 3, RESTORE_REQUEST goes out right after WELCOME; the answer
 * (RESTORE_OFFER + RESTORE_CHUNKs, or RESTORE_NONE) is taken by a {@link RestoreReceiver}.
 */
final class CameraConnection extends Connection {
    /** Events written per turn before control messages and file chunks get their turn. */
    private static final int EVENT_BATCH = 64;

    private final Uplink.Context ctx;
    private final Uplink.Destination destination;
    private volatile FileSender files;
    private final Restoring restoring;
    private RestoreReceiver restore;
    /** One instance, so that it can be removed again. */
    private final Runnable waker = this::wake;

    CameraConnection(Uplink.Context ctx, Link link, Uplink.Destination destination) {
        this(ctx, link, destination, null);
    }

    /** @param restoring the camera's restore wish, or {@code null} */
    CameraConnection(Uplink.Context ctx, Link link, Uplink.Destination destination, Restoring restoring) {
        super("gateway", link, ctx.settings(), ctx.timers());
        this.ctx = ctx;
        this.destination = destination;
        this.restoring = restoring;
    }

    @Override
    ConnectionOutcome run() {
        try {
            SecureSession session = SessionClient.connect(
                    input(), link.output(), ctx.identity(), destination.gatewayKey(), settings.cipherPreference());
            FrameReader reader = new FrameReader(session.in(), settings.maxPayload());
            FrameWriter writer = new FrameWriter(session.out(), FrameFormat.DEFAULT_MAX_PAYLOAD);
            earlyWriter(writer);
            move(ConnectionState.AWAIT_WELCOME, ConnectionState.TLS_HANDSHAKE);
            writer.write(
                    MessageCodec.toFrame(
                            new Hello(
                                    settings.versions().min(),
                                    settings.versions().max(),
                                    ctx.cameraId()),
                            0),
                    destination.offer().isEmpty());
            if (destination.offer().isPresent()) {
                byte[] proof = PairingProof.compute(
                        destination.offer().get().secret(),
                        PairingProof.sessionExporter(session),
                        ctx.identity().fingerprint());
                writer.write(MessageCodec.toFrame(new PairProof(proof), 0));
            }
            Message first = MessageCodec.decode(reader.readRequired());
            if (first instanceof Close c) {
                received(c.reason());
                log.warnf("gateway %s closed the session before WELCOME: %s", peer(), c.reason());
                return end(null);
            }
            if (!(first instanceof Welcome w)) {
                throw new UnexpectedMessageException(
                        ConnectionState.AWAIT_WELCOME.name(), "WELCOME or CLOSE", first.frameType());
            }
            if (!settings.versions().contains(w.version())) {
                log.warnf(
                        "gateway %s chose protocol version %d, outside ours %s: closing",
                        peer(), w.version(), settings.versions());
                writer.write(MessageCodec.toFrame(new Close(Close.Reason.VERSION_UNSUPPORTED), 0));
                sent(Close.Reason.VERSION_UNSUPPORTED);
                return end(null);
            }
            welcomed(w, session, reader, writer);
            readLoop(reader);
            return end(null);
        } catch (IOException | RuntimeException e) {
            return end(e);
        } finally {
            FileSender f = files;
            if (f != null) {
                f.close();
            }
            if (restore != null) {
                restore.close();
            }
            ctx.outbox().removeListener(waker);
            if (ctx.files() != null) {
                ctx.files().removeListener(waker);
            }
        }
    }

    private void welcomed(Welcome w, SecureSession session, FrameReader reader, FrameWriter writer) throws IOException {
        handshakeDone();
        version(w.version());
        Optional<PairingOffer> offer = destination.offer();
        if (offer.isPresent()) {
            ctx.target().paired(offer.get());
            log.infof("paired with gateway %s (%s)", offer.get().gatewayId(), destination.gatewayKey());
        }
        long from = ctx.outbox().welcome(w.lastAcked());
        log.infof(
                "connected to gateway %s at %s: protocol %d, system %s, %d event(s)%s to send",
                destination.gatewayKey(),
                peer(),
                w.version(),
                w.systemState(),
                ctx.outbox().lastSequence() - from,
                ctx.files() != null && VersionRange.hasFiles(w.version())
                        ? " and " + ctx.files().count() + " file(s)"
                        : "");
        if (ctx.files() != null && VersionRange.hasFiles(w.version())) {
            files = new FileSender(ctx.files(), settings.fileChunk(), this::wake);
        }
        ctx.handler().welcomed(w);
        open(writer, new Sending(from), ConnectionState.AWAIT_WELCOME, null);
        ctx.outbox().addListener(waker);
        if (ctx.files() != null) {
            ctx.files().addListener(waker);
        }
        if (restoring != null && restoring.pending() && VersionRange.hasRestore(w.version())) {
            restore = new RestoreReceiver(restoring.target().folder());
            control(new RestoreRequest(restoring.target().kind()));
            log.infof(
                    "asked gateway %s for the last %s it keeps for this camera",
                    peer(), restoring.target().kind());
        }
    }

    /** The camera's bulk data: events first, then the file transfer. */
    private final class Sending implements Outgoing.Bulk {
        private long sent;

        Sending(long from) {
            this.sent = from;
        }

        @Override
        public boolean writeNext(FrameWriter writer) throws IOException {
            List<Frame> frames = ctx.outbox().next(sent, EVENT_BATCH);
            if (!frames.isEmpty()) {
                for (Frame f : frames) {
                    writer.write(f, false);
                    sent = f.sequence();
                }
                return true;
            }
            FileSender f = files;
            return f != null && f.writeNext(writer);
        }
    }

    private void readLoop(FrameReader reader) throws IOException {
        while (true) {
            Optional<Frame> next = reader.read();
            if (next.isEmpty()) {
                if (state() != ConnectionState.CLOSING) {
                    log.infof("gateway %s closed the link without CLOSE", peer());
                }
                return;
            }
            if (state() == ConnectionState.CLOSING) {
                continue;
            }
            Message m = MessageCodec.decode(next.get());
            if (m instanceof Ack a) {
                ctx.outbox().acked(a.sequence());
            } else if (m instanceof Command c) {
                ctx.handler().command(c);
            } else if (m instanceof Ping p) {
                control(new Pong(p.nonce()));
            } else if (m instanceof FileAck a && files != null) {
                files.acked(a);
            } else if (m instanceof FileDone d && files != null) {
                files.done(d);
            } else if (m instanceof RestoreOffer o && restore != null) {
                log.infof("gateway %s restores %s %s (%d bytes)", peer(), o.kind(), o.name(), o.size());
                restored(restore.offer(o));
            } else if (m instanceof RestoreChunk c && restore != null) {
                restored(restore.chunk(c));
            } else if (m instanceof RestoreNone n
                    && restore != null
                    && restore.receiving().isEmpty()) {
                log.infof("gateway %s keeps no %s for this camera", peer(), n.kind());
                restore = null;
                if (restoring.settle()) {
                    restoring.target().unavailable(n.kind());
                }
            } else if (m instanceof Close c) {
                received(c.reason());
                log.infof("gateway %s closed the session: %s", peer(), c.reason());
                return;
            } else if (!(m instanceof Pong)) {
                throw new UnexpectedMessageException(
                        ConnectionState.OPEN.name(),
                        "ACK, COMMAND, PING, PONG, CLOSE" + (files != null ? ", FILE_ACK, FILE_DONE" : "")
                                + (restore != null ? ", RESTORE_OFFER, RESTORE_CHUNK, RESTORE_NONE" : ""),
                        m.frameType());
            }
        }
    }

    /** After an offer or chunk: hands a finished file (or the news of a bad one) to the target. */
    private void restored(RestoreReceiver.Outcome outcome) {
        if (outcome == RestoreReceiver.Outcome.RECEIVING) {
            return;
        }
        RestoreReceiver r = restore;
        restore = null;
        if (!restoring.settle()) {
            return;
        }
        if (outcome == RestoreReceiver.Outcome.DONE) {
            log.infof(
                    "restored %s from gateway %s to %s",
                    restoring.target().kind(), peer(), r.result().orElseThrow());
            restoring.target().restored(restoring.target().kind(), r.result().orElseThrow());
        } else {
            log.warnf(
                    "the %s restored from gateway %s does not match its SHA-256: dropped",
                    restoring.target().kind(), peer());
            restoring.target().unavailable(restoring.target().kind());
        }
    }

    @Override
    Message ping() {
        return new Ping(ThreadLocalRandom.current().nextLong());
    }
}
