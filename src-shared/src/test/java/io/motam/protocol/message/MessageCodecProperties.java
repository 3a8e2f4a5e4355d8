package io.motam.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.domain.Verdict;
import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MessageCodecProperties {

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<UUID> ids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
        Arbitrary<Instant> ats =
                Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcXYZ019_-")
                .ofLength(1)
                .flatMap(head -> Arbitraries.strings()
                        .withChars("abcXYZ019._-")
                        .ofMaxLength(63)
                        .map(tail -> head + tail));
        Arbitrary<Message> mode = Combinators.combine(
                        ids,
                        ats,
                        Arbitraries.of(CameraMode.class),
                        Arbitraries.of(CameraMode.class),
                        Arbitraries.integers().between(0, 65535),
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars(' ', 'é')
                                .ofMaxLength(200))
                .as(ModeChanged::new);
        Arbitrary<Message> recog = Combinators.combine(
                        ids,
                        ats,
                        Arbitraries.of(Verdict.class),
                        Arbitraries.doubles(),
                        Arbitraries.doubles(),
                        Arbitraries.integers().between(0, 255))
                .as(Recognition::new);
        Arbitrary<Message> presence = Combinators.combine(
                        ids,
                        ats,
                        Arbitraries.of(io.motam.domain.PresenceState.class),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.strings().alpha().ofMaxLength(200))
                .as(Presence::new);
        return Arbitraries.oneOf(
                mode,
                recog,
                presence,
                names.map(n -> new Hello(1, 1, n)),
                Combinators.combine(
                                Arbitraries.of(SystemState.class),
                                Arbitraries.longs().between(0, Long.MAX_VALUE))
                        .as((s, l) -> new Welcome(1, s, l)),
                Arbitraries.bytes().array(byte[].class).ofSize(PairProof.LENGTH).map(PairProof::new),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(Ack::new),
                Combinators.combine(Arbitraries.of(CommandKind.class), names).as(Command::new),
                Arbitraries.longs().map(Ping::new),
                Arbitraries.longs().map(Pong::new),
                Arbitraries.of(Close.Reason.class).map(Close::new));
    }

    @Property
    void roundTrip_anyMessage_decodesEqual(@ForAll("messages") Message m) throws Exception {
        Frame f = MessageCodec.toFrame(m, 5);
        assertEquals(m, MessageCodec.decode(f));
    }

    @Property
    void randomPayload_anyType_onlyCorruptFrameOrUnknownEvent(
            @ForAll FrameType type, @ForAll @Size(max = 80) byte[] junk) {
        try {
            MessageCodec.decode(new Frame(type, type.sequenced() ? 1 : 0, junk));
        } catch (CorruptFrameException | UnknownEventException expected) {
            // refused with the checked exceptions a decoder may raise
        }
    }

    @Test
    void decode_trailingBytes_throwsCorrupt() {
        byte[] payload = MessageCodec.encode(new Ack(3));
        byte[] longer = java.util.Arrays.copyOf(payload, payload.length + 1);
        assertThrows(CorruptFrameException.class, () -> MessageCodec.decode(new Frame(FrameType.ACK, 0, longer)));
    }

    @Test
    void decode_invalidUtf8CameraId_throwsCorrupt() {
        byte[] payload = {1, 1, 0, 2, (byte) 0xC3, (byte) 0x28};
        assertThrows(CorruptFrameException.class, () -> MessageCodec.decode(new Frame(FrameType.HELLO, 0, payload)));
    }

    @Test
    void decode_cameraIdWithSlash_throwsCorrupt() {
        byte[] payload = {1, 1, 0, 3, 'a', '/', 'b'};
        assertThrows(CorruptFrameException.class, () -> MessageCodec.decode(new Frame(FrameType.HELLO, 0, payload)));
    }
}
