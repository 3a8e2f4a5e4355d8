package io.motam.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.domain.FileKind;
import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The decoders of RESTORE_REQUEST, RESTORE_OFFER, RESTORE_CHUNK and RESTORE_NONE. */
class RestoreMessageProperties {

    @Provide
    Arbitrary<Message> restoreMessages() {
        Arbitrary<Long> offsets = Arbitraries.longs().between(0, RestoreOffer.MAX_SIZE);
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcXYZ019_-")
                .ofMinLength(1)
                .ofMaxLength(20)
                .flatMap(head -> Arbitraries.strings()
                        .withChars("abc.019_-")
                        .ofMaxLength(100)
                        .map(tail -> head + tail));
        Arbitrary<byte[]> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32);
        Arbitrary<FileKind> kinds = Arbitraries.of(FileKind.class);
        return Arbitraries.oneOf(
                kinds.map(RestoreRequest::new),
                Combinators.combine(kinds, names, offsets, hashes).as(RestoreOffer::new),
                Combinators.combine(
                                offsets,
                                Arbitraries.bytes()
                                        .array(byte[].class)
                                        .ofMinSize(1)
                                        .ofMaxSize(2000))
                        .as(RestoreChunk::new),
                kinds.map(RestoreNone::new));
    }

    @Provide
    Arbitrary<FrameType> restoreTypes() {
        return Arbitraries.of(
                FrameType.RESTORE_REQUEST, FrameType.RESTORE_OFFER, FrameType.RESTORE_CHUNK, FrameType.RESTORE_NONE);
    }

    @Property
    void roundTrip_anyRestoreMessage_decodesEqual(@ForAll("restoreMessages") Message m) throws Exception {
        assertEquals(m, MessageCodec.decode(MessageCodec.toFrame(m, 0)));
    }

    @Property
    void randomPayload_restoreTypes_onlyCorruptFrameException(
            @ForAll("restoreTypes") FrameType type, @ForAll @Size(max = 200) byte[] junk) throws UnknownEventException {
        try {
            MessageCodec.decode(new Frame(type, 0, junk));
        } catch (CorruptFrameException expected) {
            // the one checked refusal a decoder may raise
        }
    }

    @Property
    void mutatedPayload_neverEscapes_andAGoodOneAfterwardsDecodes(
            @ForAll("restoreMessages") Message m,
            @ForAll("restoreMessages") Message next,
            @ForAll int position,
            @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 3) int cut)
            throws Exception {
        byte[] payload = MessageCodec.encode(m);
        payload[Math.floorMod(position, payload.length)] = value;
        byte[] damaged = java.util.Arrays.copyOf(payload, Math.max(0, payload.length - cut));
        try {
            MessageCodec.decode(new Frame(m.frameType(), 0, damaged));
        } catch (CorruptFrameException expected) {
            // refused
        }
        assertEquals(next, MessageCodec.decode(MessageCodec.toFrame(next, 0)));
    }

    @Test
    void encode_restoreRequest_matchesDrawnLayout() {
        assertEquals("03", HexFormat.of().formatHex(MessageCodec.encode(new RestoreRequest(FileKind.MODEL))));
    }

    @Test
    void encode_restoreOffer_matchesDrawnLayout() {
        RestoreOffer o = new RestoreOffer(FileKind.MODEL, "m.gz", 258, new byte[32]);
        assertEquals(
                "03" // kind MODEL
                        + "0000000000000102" // size 258
                        + "00".repeat(32) // sha256
                        + "0004" + "6d2e677a", // name "m.gz"
                HexFormat.of().formatHex(MessageCodec.encode(o)));
    }

    @Test
    void encode_restoreChunk_matchesDrawnLayout() {
        assertEquals(
                "0000000000010000" + "0708",
                HexFormat.of().formatHex(MessageCodec.encode(new RestoreChunk(65_536, new byte[] {7, 8}))));
    }

    @Test
    void decode_restoreOfferSizeAboveMax_throwsCorrupt() {
        byte[] p = MessageCodec.encode(new RestoreOffer(FileKind.MODEL, "m", 1, new byte[32]));
        p[4] = 0x10; // size 2^36: over the 64 MiB a restore carries
        assertThrows(CorruptFrameException.class, () -> MessageCodec.decode(new Frame(FrameType.RESTORE_OFFER, 0, p)));
    }

    @Test
    void decode_restoreOfferWithPathInName_throwsCorrupt() {
        byte[] good = MessageCodec.encode(new RestoreOffer(FileKind.MODEL, "abcde", 1, new byte[32]));
        byte[] evil = good.clone();
        System.arraycopy("../x".getBytes(), 0, evil, evil.length - 4, 4);
        assertThrows(
                CorruptFrameException.class, () -> MessageCodec.decode(new Frame(FrameType.RESTORE_OFFER, 0, evil)));
    }

    @Test
    void decode_restoreChunkWithoutData_throwsCorrupt() {
        assertThrows(
                CorruptFrameException.class,
                () -> MessageCodec.decode(new Frame(FrameType.RESTORE_CHUNK, 0, new byte[RestoreChunk.HEADER_LENGTH])));
    }

    @Test
    void decode_restoreRequestUnknownKind_throwsCorrupt() {
        assertThrows(
                CorruptFrameException.class,
                () -> MessageCodec.decode(new Frame(FrameType.RESTORE_REQUEST, 0, new byte[] {9})));
    }
}
