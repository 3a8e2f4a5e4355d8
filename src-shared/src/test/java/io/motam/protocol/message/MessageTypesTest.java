package io.motam.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.FileKind;
import io.motam.domain.PresenceState;
import io.motam.domain.SystemState;
import io.motam.domain.Verdict;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sealed message hierarchy and the codec agree: every record has a sample here (a new record
 * without one fails {@link #samples_coverEveryRecordOfTheSealedHierarchy}), each claims its own
 * frame type (events: their own kind), and each encodes and decodes to its own class.
 */
class MessageTypesTest {
    private static final UUID ID = new UUID(1, 2);
    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final byte[] SHA = new byte[32];

    private static final List<Message> SAMPLES = List.of(
            new Hello(1, 4, "cam-1"),
            new Welcome(4, SystemState.RUNNING, 7, 2),
            new PairProof(new byte[PairProof.LENGTH]),
            new ModeChanged(ID, AT, CameraMode.NORMAL, CameraMode.ALERT, 1, "unknown face"),
            new Recognition(ID, AT, Verdict.KNOWN, 41.5, 60, 1),
            new Presence(ID, AT, PresenceState.values()[0], 3, 1, "in zone"),
            new Ack(7),
            new Command(CommandKind.values()[0], "c-1"),
            new Ping(5),
            new Pong(5),
            new Close(Close.Reason.SHUTDOWN),
            new FileOffer(ID, FileKind.SNAPSHOT, "a.jpg", 10, SHA),
            new FileChunk(ID, 0, new byte[] {1, 2, 3}),
            new FileAck(ID, 3),
            new FileDone(ID, FileDone.Status.OK),
            new RestoreRequest(FileKind.SNAPSHOT),
            new RestoreOffer(FileKind.SNAPSHOT, "m.bin", 10, SHA),
            new RestoreChunk(0, new byte[] {4, 5}),
            new RestoreNone(FileKind.SNAPSHOT));

    @Test
    void samples_coverEveryRecordOfTheSealedHierarchy() {
        Set<Class<?>> records = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Message.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isSealed()) {
                todo.addAll(List.of(c.getPermittedSubclasses()));
            } else {
                records.add(c);
            }
        }
        assertEquals(records, SAMPLES.stream().map(Object::getClass).collect(Collectors.toSet()));
    }

    @Test
    void frameTypes_eachRecordItsOwn_eventsTheirOwnKind() {
        Set<FrameType> types = EnumSet.noneOf(FrameType.class);
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        for (Message m : SAMPLES) {
            if (m instanceof Event e) {
                assertEquals(FrameType.EVENT, m.frameType());
                assertTrue(kinds.add(e.kind()), "two event records claim kind " + e.kind());
            } else {
                assertTrue(types.add(m.frameType()), "two records claim frame type " + m.frameType());
            }
        }
        assertEquals(EnumSet.allOf(EventKind.class), kinds, "every event kind has its record");
        types.add(FrameType.EVENT);
        assertEquals(EnumSet.allOf(FrameType.class), types, "every frame type has its record");
    }

    @Test
    void encodeThenDecode_everyRecord_comesBackAsItsOwnClass() throws Exception {
        for (Message m : SAMPLES) {
            Message back =
                    MessageCodec.decode(MessageCodec.toFrame(m, m.frameType().sequenced() ? 1 : 0));
            assertEquals(m.getClass(), back.getClass(), "round trip of " + m);
        }
    }

    @Test
    void decode_eventOfAKindThisBuildDoesNotKnow_unknownEventWithItsIdAndTime() {
        // kind u8 = 9 (not ours) | id uuid(16) | at i64 | whatever a newer camera put after it
        byte[] payload = ByteBuffer.allocate(1 + 16 + 8 + 4)
                .put((byte) 9)
                .putLong(ID.getMostSignificantBits())
                .putLong(ID.getLeastSignificantBits())
                .putLong(AT.toEpochMilli())
                .putInt(0xCAFE)
                .array();
        UnknownEventException e = assertThrows(
                UnknownEventException.class, () -> MessageCodec.decode(new Frame(FrameType.EVENT, 1, payload)));
        assertEquals(9, e.kind());
        assertEquals(ID, e.id());
        assertEquals(AT, e.at());
        assertInstanceOf(io.motam.protocol.frame.ProtocolException.class, e);
    }
}
