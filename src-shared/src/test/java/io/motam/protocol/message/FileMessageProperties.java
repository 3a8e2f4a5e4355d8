package io.motam.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.domain.FileKind;
import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import java.util.HexFormat;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The decoders of FILE_OFFER, FILE_CHUNK, FILE_ACK and FILE_DONE. */
class FileMessageProperties {

    @Provide
    Arbitrary<Message> fileMessages() {
        Arbitrary<UUID> ids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
        Arbitrary<Long> offsets = Arbitraries.longs().between(0, FileOffer.MAX_SIZE);
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcXYZ019_-")
                .ofMinLength(1)
                .ofMaxLength(20)
                .flatMap(head -> Arbitraries.strings()
                        .withChars("abc.019_-")
                        .ofMaxLength(100)
                        .map(tail -> head + tail));
        Arbitrary<byte[]> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32);
        return Arbitraries.oneOf(
                Combinators.combine(ids, Arbitraries.of(FileKind.class), names, offsets, hashes)
                        .as(FileOffer::new),
                Combinators.combine(
                                ids,
                                offsets,
                                Arbitraries.bytes()
                                        .array(byte[].class)
                                        .ofMinSize(1)
                                        .ofMaxSize(2000))
                        .as(FileChunk::new),
                Combinators.combine(ids, offsets).as(FileAck::new),
                Combinators.combine(ids, Arbitraries.of(FileDone.Status.class)).as(FileDone::new));
    }

    @Provide
    Arbitrary<FrameType> fileTypes() {
        return Arbitraries.of(FrameType.FILE_OFFER, FrameType.FILE_CHUNK, FrameType.FILE_ACK, FrameType.FILE_DONE);
    }

    @Property
    void roundTrip_anyFileMessage_decodesEqual(@ForAll("fileMessages") Message m) throws Exception {
        assertEquals(m, MessageCodec.decode(MessageCodec.toFrame(m, 0)));
    }

    @Property
    void randomPayload_fileTypes_onlyCorruptFrameException(
            @ForAll("fileTypes") FrameType type, @ForAll @Size(max = 200) byte[] junk) throws UnknownEventException {
        try {
            MessageCodec.decode(new Frame(type, 0, junk));
        } catch (CorruptFrameException expected) {
            // the one checked refusal a decoder may raise
        }
    }

    @Property
    void mutatedPayload_neverEscapes_andAGoodOneAfterwardsDecodes(
            @ForAll("fileMessages") Message m,
            @ForAll("fileMessages") Message next,
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
    void encode_fileOffer_matchesDrawnLayout() {
        FileOffer o = new FileOffer(new UUID(1, 2), FileKind.SNAPSHOT, "a.jpg", 258, new byte[32]);
        String hex = HexFormat.of().formatHex(MessageCodec.encode(o));
        assertEquals(
                "0000000000000001" + "0000000000000002" // fileId
                        + "01" // kind SNAPSHOT
                        + "0000000000000102" // size 258
                        + "00".repeat(32) // sha256
                        + "0005" + "612e6a7067",
                hex); // name "a.jpg"
    }

    @Test
    void encode_fileChunk_matchesDrawnLayout() {
        FileChunk c = new FileChunk(new UUID(0, 3), 65_536, new byte[] {7, 8});
        assertEquals(
                "0000000000000000" + "0000000000000003" + "0000000000010000" + "0708",
                HexFormat.of().formatHex(MessageCodec.encode(c)));
    }

    @Test
    void decode_fileOfferWithPathInName_throwsCorrupt() {
        byte[] good = MessageCodec.encode(new FileOffer(new UUID(1, 2), FileKind.LOG, "abcde", 1, new byte[32]));
        byte[] evil = good.clone();
        System.arraycopy("../x".getBytes(), 0, evil, evil.length - 4, 4);
        assertThrows(CorruptFrameException.class, () -> MessageCodec.decode(new Frame(FrameType.FILE_OFFER, 0, evil)));
    }

    @Test
    void decode_fileChunkWithoutData_throwsCorrupt() {
        byte[] header = new byte[FileChunk.HEADER_LENGTH];
        assertThrows(
                CorruptFrameException.class, () -> MessageCodec.decode(new Frame(FrameType.FILE_CHUNK, 0, header)));
    }

    @Test
    void decode_fileOfferSizeAboveMax_throwsCorrupt() {
        byte[] p = MessageCodec.encode(new FileOffer(new UUID(1, 2), FileKind.LOG, "a", 1, new byte[32]));
        p[17] = (byte) 0x80; // size u64 with the top bit set
        assertThrows(CorruptFrameException.class, () -> MessageCodec.decode(new Frame(FrameType.FILE_OFFER, 0, p)));
    }

    @Test
    void fileChunk_copiesItsBytes() {
        byte[] b = {1, 2, 3};
        FileChunk c = new FileChunk(new UUID(0, 1), 0, b);
        b[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, c.bytes());
    }
}
