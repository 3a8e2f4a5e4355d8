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
 * EVENT       kind u8 (1 = mode, 2 = recognition) | id uuid(16) | at i64 | fields:
 *               mode:        from u8 | to u8 | alertCount u16 | reason str
 *               recognition: verdict u8 | distance f64 | threshold f64 | faces u8
 *               presence (3): state u8 | trackId i64 | faces u8 | detail str
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
 * Decoding never throws anything but {@link CorruptFrameException} for bad payloads.
 */
public final class MessageCodec {
    /** The protocol version from which WELCOME carries the release epoch (uplink's {@code VersionRange.RELEASE_EPOCH}). */
    static final int RELEASE_EPOCH_VERSION = 4;
    static final int EVENT_MODE = 1;
    static final int EVENT_RECOGNITION = 2;
    static final int EVENT_PRESENCE = 3;

    private MessageCodec() {
    }

    /** A frame for the message; {@code sequence} is used for events and must be 0 otherwise. */
    public static Frame toFrame(Message message, long sequence) {
        return new Frame(message.frameType(), message.frameType().sequenced() ? sequence : 0, encode(message));
    }

    public static byte[] encode(Message message) {
        PayloadWriter w = new PayloadWriter();
        if (message instanceof Hello h) {
            w.u8(h.minVersion()).u8(h.maxVersion()).string(h.cameraId());
        } else if (message instanceof Welcome m) {
            w.u8(m.version()).u8(m.systemState().ordinal()).i64(m.lastAcked());
            if (m.version() >= RELEASE_EPOCH_VERSION) {
                w.i64(m.releaseEpoch());
            }
        } else if (message instanceof PairProof p) {
            w.bytes(p.proof());
        } else if (message instanceof ModeChanged m) {
            w.u8(EVENT_MODE).uuid(m.id()).i64(m.at().toEpochMilli())
                    .u8(m.from().code()).u8(m.to().code()).u16(Math.min(m.alertCount(), 0xFFFF)).string(m.reason());
        } else if (message instanceof Recognition r) {
            w.u8(EVENT_RECOGNITION).uuid(r.id()).i64(r.at().toEpochMilli())
                    .u8(r.verdict().code()).f64(r.distance()).f64(r.threshold()).u8(r.faces());
        } else if (message instanceof Presence p) {
            w.u8(EVENT_PRESENCE).uuid(p.id()).i64(p.at().toEpochMilli())
                    .u8(p.state().code()).i64(p.trackId()).u8(p.faces()).string(p.detail());
        } else if (message instanceof Ack a) {
            w.i64(a.sequence());
        } else if (message instanceof Command c) {
            w.u8(c.kind().code()).string(c.correlationId());
            if (c.releaseEpoch() > 0) {
                w.i64(c.releaseEpoch());
            }
        } else if (message instanceof Ping p) {
            w.i64(p.nonce());
        } else if (message instanceof Pong p) {
            w.i64(p.nonce());
        } else if (message instanceof Close c) {
            w.u8(c.reason().code());
        } else if (message instanceof FileOffer f) {
            w.uuid(f.fileId()).u8(f.kind().code()).i64(f.size()).bytes(f.sha256()).string(f.name());
        } else if (message instanceof FileChunk c) {
            w.uuid(c.fileId()).i64(c.offset()).bytes(c.data());
        } else if (message instanceof FileAck a) {
            w.uuid(a.fileId()).i64(a.durableOffset());
        } else if (message instanceof FileDone d) {
            w.uuid(d.fileId()).u8(d.status().code());
        } else if (message instanceof RestoreRequest q) {
            w.u8(q.kind().code());
        } else if (message instanceof RestoreOffer o) {
            w.u8(o.kind().code()).i64(o.size()).bytes(o.sha256()).string(o.name());
        } else if (message instanceof RestoreChunk c) {
            w.i64(c.offset()).bytes(c.data());
        } else if (message instanceof RestoreNone n) {
            w.u8(n.kind().code());
        } else {
            throw new IllegalArgumentException("no encoding for " + message);
        }
        return w.toByteArray();
    }

    public static Message decode(Frame frame) throws CorruptFrameException {
        PayloadReader r = new PayloadReader(frame.payloadView(), frame.type().name());
        try {
            Message m = switch (frame.type()) {
                case HELLO -> new Hello(r.u8(), r.u8(), r.string());
                case WELCOME -> welcome(r);
                case PAIR_PROOF -> new PairProof(r.bytes(PairProof.LENGTH));
                case EVENT -> decodeEvent(r);
                case ACK -> new Ack(r.i64());
                case COMMAND -> new Command(
                        CommandKind.fromCode(r.u8()).orElseThrow(() -> new CorruptFrameException("unknown command kind")),
                        r.string(), r.hasRemaining() ? r.i64() : 0);
                case PING -> new Ping(r.i64());
                case PONG -> new Pong(r.i64());
                case CLOSE -> new Close(Close.Reason.fromCode(r.u8())
                        .orElseThrow(() -> new CorruptFrameException("unknown close reason")));
                case FILE_OFFER -> decodeFileOffer(r);
                case FILE_CHUNK -> FileChunk.view(r.uuid(), r.u64(FileOffer.MAX_SIZE, "offset"), r.restView());
                case FILE_ACK -> new FileAck(r.uuid(), r.u64(FileOffer.MAX_SIZE, "durableOffset"));
                case FILE_DONE -> new FileDone(r.uuid(), FileDone.Status.fromCode(r.u8())
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

    private static Event decodeEvent(PayloadReader r) throws CorruptFrameException {
        int kind = r.u8();
        var id = r.uuid();
        Instant at = Instant.ofEpochMilli(r.i64());
        return switch (kind) {
            case EVENT_MODE -> new ModeChanged(id, at, mode(r.u8()), mode(r.u8()), r.u16(), r.string());
            case EVENT_RECOGNITION -> new Recognition(id, at,
                    Verdict.fromCode(r.u8()).orElseThrow(() -> new CorruptFrameException("unknown verdict")),
                    r.f64(), r.f64(), r.u8());
            case EVENT_PRESENCE -> new Presence(id, at,
                    PresenceState.fromCode(r.u8()).orElseThrow(() -> new CorruptFrameException("unknown presence state")),
                    r.i64(), r.u8(), r.string());
            default -> throw new CorruptFrameException("expected event kind 1, 2 or 3 but was " + kind);
        };
    }

    private static FileOffer decodeFileOffer(PayloadReader r) throws CorruptFrameException {
        var id = r.uuid();
        int kindCode = r.u8();
        FileKind kind = FileKind.fromCode(kindCode)
                .orElseThrow(() -> new CorruptFrameException("FILE_OFFER: expected file kind 1, 2 or 3 but was " + kindCode));
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
