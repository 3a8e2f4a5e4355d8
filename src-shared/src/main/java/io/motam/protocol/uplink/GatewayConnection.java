package io.motam.protocol.uplink;

import io.motam.link.Link;
import io.motam.protocol.delivery.EventSink;
import io.motam.protocol.delivery.SequenceWindow;
import io.motam.protocol.file.FileReceiver;
import io.motam.protocol.file.ReceivedFiles;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.frame.UnexpectedMessageException;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.Hello;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.PairProof;
import io.motam.protocol.message.Ping;
import io.motam.protocol.message.Pong;
import io.motam.protocol.message.RestoreNone;
import io.motam.protocol.message.RestoreRequest;
import io.motam.protocol.message.UnknownEventException;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingProof;
import io.motam.protocol.restore.RestoreFile;
import io.motam.protocol.restore.RestoreSender;
import io.motam.protocol.restore.RestoreSource;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's end of one camera connection, run on the thread that accepted it.
 *
 * <pre>
 *  TLS_HANDSHAKE --Gate.mayHandshake--&gt; AWAIT_HELLO --registered key--&gt; (authorise)
 *                                        AWAIT_HELLO --new key--&gt; AWAIT_PROOF --PAIR_PROOF--&gt; (authorise)
 *  (authorise) refused --&gt; CLOSED, no word to the camera (the gate audits why)
 *  (authorise) granted, no common version --&gt; CLOSE(VERSION_UNSUPPORTED)
 *  (authorise) granted, Gate.attach refused --&gt; CLOSE(ANOTHER_CAMERA_CONNECTED)
 *  (authorise) granted, attached --WELCOME(version, system state, last durable)--&gt; OPEN
 *  OPEN: EVENT --&gt; SequenceWindow: new ones to {@link EventSink#deliver} (fsync), then ACK
 *        EVENT of a kind this build does not know --&gt; {@link EventSink#skipped} (audited), then ACK
 *        FILE_OFFER, FILE_CHUNK --&gt; {@link FileReceiver} (version 2)
 *        RESTORE_REQUEST (once) --&gt; {@link RestoreSource}: RESTORE_OFFER + RESTORE_CHUNKs, or RESTORE_NONE (version 3)
 *        PING --&gt; PONG; CLOSE --&gt; end; anything else --&gt; CLOSE(PROTOCOL_ERROR)
 * </pre>
 *
 * ACKs are cumulative and coalesced: one is sent when no further decrypted data is waiting, so
 * a burst of events costs one ACK. A sink failure closes the link with STORAGE_FAILURE and
 * nothing is acked: the camera keeps the event and sends it again.
 *
 * <p>An event of a kind this gateway does not know (a newer camera's) is acknowledged without
 * being stored, once the sink recorded the skip, with a WARN line naming the camera, sequence,
 * event id and kind: closing the link instead would have the camera send it again forever and
 * hold back every event behind it.
 */
public final class GatewayConnection extends Connection {
    private final Identity identity;
    private final Gate gate;
    private final EventSink events;
    private final ReceivedFiles store;
    private final FileReceiver.Limits fileLimits;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile String cameraId;
    private volatile Fingerprint key;
    private volatile FileReceiver files;
    private volatile RestoreSource restoreSource = RestoreSource.NONE;
    private RestoreSender restore;
    private boolean restoreAsked;
    private volatile Runnable handshakeEnd;

    /**
     * @param store where files go; {@code null} refuses version 2 (files) for this gateway
     */
    public GatewayConnection(
            Link link,
            Identity identity,
            Gate gate,
            EventSink events,
            ReceivedFiles store,
            UplinkSettings settings,
            FileReceiver.Limits fileLimits,
            ScheduledExecutorService timers) {
        super("camera", link, store == null ? onlyEvents(settings) : settings, timers);
        this.identity = Objects.requireNonNull(identity, "identity");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.events = Objects.requireNonNull(events, "events");
        this.store = store;
        this.fileLimits = Objects.requireNonNull(fileLimits, "fileLimits");
    }

    private static UplinkSettings onlyEvents(UplinkSettings s) {
        int max = Math.min(s.versions().max(), VersionRange.EVENTS);
        return s.withVersions(new VersionRange(Math.min(s.versions().min(), max), max));
    }

    @Override
    public ConnectionOutcome run() {
        boolean attached = false;
        try {
            SecureSession session = SessionServer.accept(
                    input(),
                    link.output(),
                    identity,
                    peerKey -> gate.mayHandshake(peerKey, peer()),
                    settings.cipherPreference());
            key = session.peer();
            FrameReader reader = new FrameReader(session.in(), settings.maxPayload());
            FrameWriter writer = new FrameWriter(session.out(), FrameFormat.DEFAULT_MAX_PAYLOAD);
            earlyWriter(writer);
            move(ConnectionState.AWAIT_HELLO, ConnectionState.TLS_HANDSHAKE);
            Hello hello = expect(reader, Hello.class, ConnectionState.AWAIT_HELLO, "HELLO");
            Optional<PairingAttempt> pairing = Optional.empty();
            if (!gate.isRegistered(key)) {
                move(ConnectionState.AWAIT_PROOF, ConnectionState.AWAIT_HELLO);
                PairProof proof = expect(reader, PairProof.class, ConnectionState.AWAIT_PROOF, "PAIR_PROOF");
                pairing = Optional.of(new PairingAttempt(proof.proof(), PairingProof.sessionExporter(session)));
            }
            if (!gate.authorise(hello.cameraId(), key, pairing, peer())) {
                earlyWriter(null); // the camera learns nothing: no CLOSE, the link just ends
                return end(null);
            }
            cameraId = hello.cameraId();
            VersionRange theirs = new VersionRange(hello.minVersion(), hello.maxVersion());
            OptionalInt version = settings.versions().highestCommon(theirs);
            if (version.isEmpty()) {
                log.warnf(
                        "camera %s at %s speaks protocol versions %s, this gateway %s: closing",
                        cameraId, peer(), theirs, settings.versions());
                writer.write(MessageCodec.toFrame(new Close(Close.Reason.VERSION_UNSUPPORTED), 0));
                sent(Close.Reason.VERSION_UNSUPPORTED);
                return end(null);
            }
            version(version.getAsInt());
            if (!gate.attach(this)) {
                writer.write(MessageCodec.toFrame(new Close(Close.Reason.ANOTHER_CAMERA_CONNECTED), 0));
                sent(Close.Reason.ANOTHER_CAMERA_CONNECTED);
                return end(null);
            }
            attached = true;
            handshakeDone();
            long last = events.lastSequence(cameraId);
            if (store != null && VersionRange.hasFiles(version())) {
                files = new FileReceiver(cameraId, store, fileLimits, new FileReplies());
            }
            Outgoing.Bulk bulk = null;
            if (VersionRange.hasRestore(version())) {
                RestoreSender r = new RestoreSender(settings.fileChunk());
                restore = r;
                bulk = r::writeNext;
            }
            open(
                    writer,
                    bulk,
                    state(),
                    new Welcome(version(), gate.systemState(cameraId), last, gate.releaseEpoch(cameraId)));
            handshakeOver();
            log.infof(
                    "camera %s connected from %s: protocol %d, last durable event %d",
                    cameraId, peer(), version(), last);
            readLoop(reader, session.in(), new SequenceWindow(last));
            return end(null);
        } catch (IOException | RuntimeException e) {
            return end(e);
        } finally {
            handshakeOver();
            FileReceiver f = files;
            if (f != null) {
                f.close();
            }
            if (attached) {
                gate.detach(this);
            }
        }
    }

    /** Runs the handshake-end callback, the first time only (on the thread of {@link #run}). */
    private void handshakeOver() {
        Runnable r = handshakeEnd;
        handshakeEnd = null;
        if (r != null) {
            r.run();
        }
    }

    private <T extends Message> T expect(FrameReader reader, Class<T> type, ConnectionState state, String name)
            throws IOException {
        Message m = MessageCodec.decode(reader.readRequired());
        if (!type.isInstance(m)) {
            throw new UnexpectedMessageException(state.name(), name, m.frameType());
        }
        return type.cast(m);
    }

    private void readLoop(FrameReader reader, InputStream decrypted, SequenceWindow window) throws IOException {
        boolean ackDue = false;
        while (true) {
            Optional<Frame> next = reader.read();
            if (next.isEmpty()) {
                if (state() != ConnectionState.CLOSING) {
                    log.infof("camera %s closed the link without CLOSE", cameraId);
                }
                return;
            }
            if (state() == ConnectionState.CLOSING) {
                continue;
            }
            Frame frame = next.get();
            traffic().received(frame.type(), frame.wireLength());
            Message m;
            try {
                m = MessageCodec.decode(frame);
            } catch (UnknownEventException unknown) {
                m = null;
                ackDue |= skip(window, frame.sequence(), unknown);
            }
            if (m == null) {
                // skipped: nothing more to do than the ACK below
            } else if (m instanceof Event e) {
                ackDue |= event(window, frame.sequence(), e);
                if (state() == ConnectionState.CLOSING) {
                    continue;
                }
            } else if (m instanceof FileOffer o && files != null) {
                files.offer(o);
            } else if (m instanceof FileChunk c && files != null) {
                files.chunk(c);
            } else if (m instanceof RestoreRequest q && restore != null && !restoreAsked) {
                restoreAsked = true;
                restore(q);
            } else if (m instanceof Ping p) {
                control(new Pong(p.nonce()));
            } else if (m instanceof Close c) {
                received(c.reason());
                log.infof("camera %s closed the session: %s", cameraId, c.reason());
                return;
            } else if (!(m instanceof Pong)) {
                throw new UnexpectedMessageException(
                        ConnectionState.OPEN.name(),
                        "EVENT, PING, PONG, CLOSE" + (files != null ? ", FILE_OFFER, FILE_CHUNK" : "")
                                + (restore != null && !restoreAsked ? ", RESTORE_REQUEST" : ""),
                        m.frameType());
            }
            if (ackDue && decrypted.available() == 0) {
                control(new Ack(window.last()));
                ackDue = false;
            }
        }
    }

    /** Returns whether an ACK is due; a sink failure starts closing with STORAGE_FAILURE. */
    private boolean event(SequenceWindow window, long sequence, Event e) throws IOException {
        SequenceWindow.Verdict verdict = window.judge(sequence);
        if (verdict == SequenceWindow.Verdict.DUPLICATE) {
            duplicates.incrementAndGet();
            return true;
        }
        if (verdict == SequenceWindow.Verdict.NEW_AFTER_GAP) {
            log.warnf(
                    "camera %s: events %d..%d never reached this gateway (a journal or outbox was lost)",
                    cameraId, window.last() + 1, sequence - 1);
        }
        try {
            events.deliver(cameraId, sequence, e);
        } catch (IOException failure) {
            log.errorf(
                    "camera %s: event %d could not be stored (%s): closing with STORAGE_FAILURE",
                    cameraId, sequence, failure.getMessage());
            shutdown(Close.Reason.STORAGE_FAILURE);
            return false;
        }
        window.delivered(sequence);
        delivered.incrementAndGet();
        return true;
    }

    /**
     * An event this gateway cannot read: recorded by the sink ({@link EventSink#skipped}) and
     * acknowledged without storing it, so the camera's queue moves on. Its sequence number is
     * judged like any other (a duplicate is not recorded again); a failure to record it is a
     * storage failure, and nothing is acked.
     */
    private boolean skip(SequenceWindow window, long sequence, UnknownEventException unknown) throws IOException {
        if (window.judge(sequence) == SequenceWindow.Verdict.DUPLICATE) {
            duplicates.incrementAndGet();
            return true;
        }
        try {
            events.skipped(cameraId, sequence, unknown);
        } catch (IOException | RuntimeException failure) {
            log.errorf(
                    "camera %s: skipping event %d could not be recorded (%s): closing with STORAGE_FAILURE",
                    cameraId, sequence, failure.getMessage());
            shutdown(Close.Reason.STORAGE_FAILURE);
            return false;
        }
        log.warnf(
                "camera %s: event %d (id %s, at %s) is of kind %d, which this gateway does not know: skipped and "
                        + "acknowledged",
                cameraId, sequence, unknown.id(), unknown.at(), unknown.kind());
        window.delivered(sequence);
        skipped.incrementAndGet();
        return true;
    }

    /** Answers a RESTORE_REQUEST: the file from the source, streamed by the writer, or RESTORE_NONE. */
    private void restore(RestoreRequest q) {
        Optional<RestoreFile> file;
        try {
            file = restoreSource.find(cameraId, q.kind());
        } catch (IOException | RuntimeException e) {
            log.warnf(
                    "camera %s asked for its %s, which cannot be read: %s; answering RESTORE_NONE",
                    cameraId, q.kind(), e.getMessage());
            file = Optional.empty();
        }
        if (file.isEmpty()) {
            log.infof("camera %s asked for its %s: none kept", cameraId, q.kind());
            control(new RestoreNone(q.kind()));
            return;
        }
        log.infof("camera %s asked for its %s: sending %s", cameraId, q.kind(), file.get());
        restore.start(file.get());
        wake();
    }

    /** Answers from the file receiver go through the writer queue. */
    private final class FileReplies implements FileReceiver.Replies {
        @Override
        public void send(Message message) {
            control(message);
        }

        @Override
        public void storageFailed(IOException failure) {
            shutdown(Close.Reason.STORAGE_FAILURE);
        }
    }

    @Override
    Message ping() {
        return new Ping(ThreadLocalRandom.current().nextLong());
    }

    /** Answers restore requests from {@code source} (call before {@link #run}); without it every answer is RESTORE_NONE. */
    public GatewayConnection withRestore(RestoreSource source) {
        restoreSource = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * Runs {@code r} once, on the thread of {@link #run}, when the handshake is over: right after
     * WELCOME is queued, or when the connection ends before that (call before {@link #run}). The
     * gateway gives back the connection's handshake slot with it.
     */
    public GatewayConnection withHandshakeEnd(Runnable r) {
        handshakeEnd = Objects.requireNonNull(r, "r");
        return this;
    }

    /** Reports every frame of this connection to {@code t} (call before {@link #run}). */
    public GatewayConnection withTraffic(Traffic t) {
        traffic(t);
        return this;
    }

    /** Forwards an operator's command; fails when the connection is not open. */
    public void send(Command command) throws IOException {
        if (state() != ConnectionState.OPEN || !control(command.forVersion(version()))) {
            throw new IOException("connection to camera " + cameraId + " is " + state());
        }
    }

    /** Ends the connection with CLOSE(reason), from any thread. */
    public void close(Close.Reason reason) {
        shutdown(reason);
    }

    /** Waits until the connection has ended (its files settled, detached). */
    public boolean awaitClosed(Duration timeout) {
        return awaitEnd(timeout);
    }

    /** The camera's id once authorised, else null. */
    public String cameraId() {
        return cameraId;
    }

    /** The camera's key once the TLS handshake is done, else null. */
    public Fingerprint key() {
        return key;
    }

    public String peerAddress() {
        return peer();
    }

    public ConnectionState connectionState() {
        return state();
    }

    /** The negotiated protocol version, 0 before WELCOME. */
    public int protocolVersion() {
        return version();
    }

    /** Events delivered to the sink on this connection. */
    public long delivered() {
        return delivered.get();
    }

    /** Events of a kind this gateway does not know, acked without delivery. */
    public long skipped() {
        return skipped.get();
    }

    /** Events received again and acked without delivery. */
    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public String toString() {
        return "GatewayConnection[" + cameraId + " " + peer() + " " + state() + "]";
    }
}
