package io.motam.protocol.message;

import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.FileKind;
import io.motam.domain.PresenceState;
import io.motam.domain.SystemState;
import io.motam.domain.Verdict;
import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import java.time.Instant;

/**
 * Maps messages to frame payloads and back. All integers are big endian; strings are
 * u16 length + UTF-8 (at most 1024 bytes); instants are epoch milliseconds (i64).
 *
 * <pre>
 * HELLO       min u8 | max u8 | cameraId str
 * WELCOME     version u8 | systemState u8 (ordinal) | lastAcked i64
 * PAIR_PROOF  proof[32]
 * EVENT       kind u8 ({@link EventKind}) | id uuid(16) | at i64 | fields:
 *               mode (1):        from u8 | to u8 | alertCount u16 | reason str
 *               recognition (2): verdict u8 | distance f64 | threshold f64 | faces u8
 *               presence (3):    state u8 | trackId i64 | faces u8 | detail str
 * ACK         sequence i64
 * COMMAND     kind u8 | correlationId str
 * PING, PONG  nonce i64
 * CLOSE       reason u8
 * FILE_OFFER  fileId uuid(16) | kind u8 | size u64 | sha256[32] | name str      (see {@link FileOffer})
 * FILE_CHUNK  fileId uuid(16) | offset u64 | bytes (the rest, at least 1)     (see {@link FileChunk})
 * FILE_ACK    fileId uuid(16) | durableOffset u64
 * FILE_DONE   fileId uuid(16) | status u8 (0 OK, 1 HASH_MISMATCH, 2 REJECTED)
 * RESTORE_REQUEST  kind u8                                                (see {@link RestoreRequest})
 * RESTORE_OFFER    kind u8 | size u64 | sha256[32] | name str              (see {@link RestoreOffer})
 * RESTORE_CHUNK    offset u64 | bytes (the rest, at least 1)              (see {@link RestoreChunk})
 * RESTORE_NONE     kind u8
 * </pre>
 *
 * Decoding never throws anything but {@link CorruptFrameException} for bad payloads, and
 * {@link UnknownEventException} for an EVENT of a kind this build does not know.
 */
public final class MessageCodec {
    /** The protocol version from which WELCOME carries the release epoch (uplink's {@code VersionRange.RELEASE_EPOCH}). */
    static final int RELEASE_EPOCH_VERSION = 4;

    private MessageCodec() {}

    /** A frame for the message; {@code sequence} is used for events and must be 0 otherwise. */
    public static Frame toFrame(Message message, long sequence) {
        return new Frame(message.frameType(), message.frameType().sequenced() ? sequence : 0, encode(message));
    }

    /**
     * The payload of {@code message}. The switch over its {@link FrameType} (and, for events,
     * over its {@link EventKind}) has no {@code default}: a new frame type or event kind does not
     * compile until it is encoded here and decoded below. Each record names its own frame type;
     * {@code MessageTypesTest} checks that no two records claim the same one.
     */
    public static byte[] encode(Message message) {
        PayloadWriter w = new PayloadWriter();
        switch (message.frameType()) {
            case HELLO -> {
                Hello h = (Hello) message;
                w.u8(h.minVersion()).u8(h.maxVersion()).string(h.cameraId());
            }
            case WELCOME -> {
                Welcome m = (Welcome) message;
                w.u8(m.version()).u8(m.systemState().ordinal()).i64(m.lastAcked());
                if (m.version() >= RELEASE_EPOCH_VERSION) {
                    w.i64(m.releaseEpoch());
                }
            }
            case PAIR_PROOF -> w.bytes(((PairProof) message).proof());
            case EVENT -> encodeEvent((Event) message, w);
            case ACK -> w.i64(((Ack) message).sequence());
            case COMMAND -> {
                Command c = (Command) message;
                w.u8(c.kind().code()).string(c.correlationId());
                if (c.releaseEpoch() > 0) {
                    w.i64(c.releaseEpoch());
                }
            }
            case PING -> w.i64(((Ping) message).nonce());
            case PONG -> w.i64(((Pong) message).nonce());
            case CLOSE -> w.u8(((Close) message).reason().code());
            case FILE_OFFER -> {
                FileOffer f = (FileOffer) message;
                w.uuid(f.fileId())
                        .u8(f.kind().code())
                        .i64(f.size())
                        .bytes(f.sha256())
                        .string(f.name());
            }
            case FILE_CHUNK -> {
                FileChunk c = (FileChunk) message;
                w.uuid(c.fileId()).i64(c.offset()).bytes(c.data());
            }
            case FILE_ACK -> {
                FileAck a = (FileAck) message;
                w.uuid(a.fileId()).i64(a.durableOffset());
            }
            case FILE_DONE -> {
                FileDone d = (FileDone) message;
                w.uuid(d.fileId()).u8(d.status().code());
            }
            case RESTORE_REQUEST -> w.u8(((RestoreRequest) message).kind().code());
            case RESTORE_OFFER -> {
                RestoreOffer o = (RestoreOffer) message;
                w.u8(o.kind().code()).i64(o.size()).bytes(o.sha256()).string(o.name());
            }
            case RESTORE_CHUNK -> {
                RestoreChunk c = (RestoreChunk) message;
                w.i64(c.offset()).bytes(c.data());
            }
            case RESTORE_NONE -> w.u8(((RestoreNone) message).kind().code());
        }
        return w.toByteArray();
    }

    private static void encodeEvent(Event e, PayloadWriter w) {
        w.u8(e.kind().code()).uuid(e.id()).i64(e.at().toEpochMilli());
        switch (e.kind()) {
            case MODE_CHANGED -> {
                ModeChanged m = (ModeChanged) e;
                w.u8(m.from().code())
                        .u8(m.to().code())
                        .u16(Math.min(m.alertCount(), 0xFFFF))
                        .string(m.reason());
            }
            case RECOGNITION -> {
                Recognition r = (Recognition) e;
                w.u8(r.verdict().code()).f64(r.distance()).f64(r.threshold()).u8(r.faces());
            }
            case PRESENCE -> {
                Presence p = (Presence) e;
                w.u8(p.state().code()).i64(p.trackId()).u8(p.faces()).string(p.detail());
            }
        }
    }

    public static Message decode(Frame frame) throws CorruptFrameException, UnknownEventException {
        PayloadReader r = new PayloadReader(frame.payloadView(), frame.type().name());
        try {
            Message m = switch (frame.type()) {
                case HELLO -> new Hello(r.u8(), r.u8(), r.string());
                case WELCOME -> welcome(r);
                case PAIR_PROOF -> new PairProof(r.bytes(PairProof.LENGTH));
                case EVENT -> decodeEvent(r);
                case ACK -> new Ack(r.i64());
                case COMMAND ->
                    new Command(
                            CommandKind.fromCode(r.u8())
                                    .orElseThrow(() -> new CorruptFrameException("unknown command kind")),
                            r.string(),
                            r.hasRemaining() ? r.i64() : 0);
                case PING -> new Ping(r.i64());
                case PONG -> new Pong(r.i64());
                case CLOSE ->
                    new Close(Close.Reason.fromCode(r.u8())
                            .orElseThrow(() -> new CorruptFrameException("unknown close reason")));
                case FILE_OFFER -> decodeFileOffer(r);
                case FILE_CHUNK -> FileChunk.view(r.uuid(), r.u64(FileOffer.MAX_SIZE, "offset"), r.restView());
                case FILE_ACK -> new FileAck(r.uuid(), r.u64(FileOffer.MAX_SIZE, "durableOffset"));
                case FILE_DONE ->
                    new FileDone(
                            r.uuid(),
                            FileDone.Status.fromCode(r.u8())
                                    .orElseThrow(() -> new CorruptFrameException("FILE_DONE: unknown status")));
                case RESTORE_REQUEST -> new RestoreRequest(fileKind(r.u8(), "RESTORE_REQUEST"));
                case RESTORE_OFFER -> decodeRestoreOffer(r);
                case RESTORE_CHUNK -> new RestoreChunk(r.u64(RestoreOffer.MAX_SIZE, "offset"), rest(r));
                case RESTORE_NONE -> new RestoreNone(fileKind(r.u8(), "RESTORE_NONE"));
            };
            r.end();
            return m;
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new CorruptFrameException(frame.type() + ": " + e.getMessage());
        }
    }

    private static Welcome welcome(PayloadReader r) throws CorruptFrameException {
        int version = r.u8();
        SystemState state = systemState(r.u8());
        long lastAcked = r.i64();
        return new Welcome(version, state, lastAcked, version >= RELEASE_EPOCH_VERSION ? r.i64() : 0);
    }

    private static Event decodeEvent(PayloadReader r) throws CorruptFrameException, UnknownEventException {
        int code = r.u8();
        var id = r.uuid();
        Instant at = Instant.ofEpochMilli(r.i64());
        EventKind kind = EventKind.fromCode(code).orElseThrow(() -> new UnknownEventException(code, id, at));
        return switch (kind) {
            case MODE_CHANGED -> new ModeChanged(id, at, mode(r.u8()), mode(r.u8()), r.u16(), r.string());
            case RECOGNITION ->
                new Recognition(
                        id,
                        at,
                        Verdict.fromCode(r.u8()).orElseThrow(() -> new CorruptFrameException("unknown verdict")),
                        r.f64(),
                        r.f64(),
                        r.u8());
            case PRESENCE ->
                new Presence(
                        id,
                        at,
                        PresenceState.fromCode(r.u8())
                                .orElseThrow(() -> new CorruptFrameException("unknown presence state")),
                        r.i64(),
                        r.u8(),
                        r.string());
        };
    }

    private static FileOffer decodeFileOffer(PayloadReader r) throws CorruptFrameException {
        var id = r.uuid();
        int kindCode = r.u8();
        FileKind kind = FileKind.fromCode(kindCode)
                .orElseThrow(() ->
                        new CorruptFrameException("FILE_OFFER: expected file kind 1, 2 or 3 but was " + kindCode));
        long size = r.u64(FileOffer.MAX_SIZE, "size");
        byte[] sha256 = r.bytes(FileOffer.SHA256_LENGTH);
        return new FileOffer(id, kind, r.string(), size, sha256);
    }

    private static RestoreOffer decodeRestoreOffer(PayloadReader r) throws CorruptFrameException {
        FileKind kind = fileKind(r.u8(), "RESTORE_OFFER");
        long size = r.u64(RestoreOffer.MAX_SIZE, "size");
        byte[] sha256 = r.bytes(FileOffer.SHA256_LENGTH);
        return new RestoreOffer(kind, r.string(), size, sha256);
    }

    private static FileKind fileKind(int code, String what) throws CorruptFrameException {
        return FileKind.fromCode(code)
                .orElseThrow(() -> new CorruptFrameException(what + ": expected file kind 1, 2 or 3 but was " + code));
    }

    private static byte[] rest(PayloadReader r) {
        java.nio.ByteBuffer view = r.restView();
        byte[] b = new byte[view.remaining()];
        view.get(b);
        return b;
    }

    private static CameraMode mode(int code) throws CorruptFrameException {
        return CameraMode.fromCode(code).orElseThrow(() -> new CorruptFrameException("unknown camera mode " + code));
    }

    private static SystemState systemState(int ordinal) throws CorruptFrameException {
        SystemState[] all = SystemState.values();
        if (ordinal >= all.length) {
            throw new CorruptFrameException("expected a system state below " + all.length + " but was " + ordinal);
        }
        return all[ordinal];
    }
}
