package io.motam.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private final FrameDecoder decoder = new FrameDecoder(1024);

    @Test
    void encode_event_matchesDrawnLayout() {
        byte[] wire = FrameWriter.encode(new Frame(FrameType.EVENT, 258, new byte[] {0x0A, 0x0B}));
        // version 01 | type 10 (EVENT) | sequence 0000000000000102 | length 00000002 | payload 0a0b
        assertEquals(
                "01" + "10" + "0000000000000102" + "00000002" + "0a0b",
                HexFormat.of().formatHex(wire));
    }

    @Test
    void decode_roundTrip_returnsSameFrame() throws Exception {
        Frame f = new Frame(FrameType.EVENT, 7, new byte[] {1, 2, 3});
        Optional<Frame> back = decoder.decode(ByteBuffer.wrap(FrameWriter.encode(f)));
        assertEquals(Optional.of(f), back);
    }

    @Test
    void decode_partialHeader_isNotYetAndConsumesNothing() throws Exception {
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {1, 0x10, 0, 0});
        assertTrue(decoder.decode(buf).isEmpty());
        assertEquals(0, buf.position());
    }

    @Test
    void decode_partialPayload_isNotYet() throws Exception {
        byte[] wire = FrameWriter.encode(new Frame(FrameType.ACK, 0, new byte[8]));
        ByteBuffer buf = ByteBuffer.wrap(wire, 0, wire.length - 1).slice();
        assertTrue(decoder.decode(buf).isEmpty());
        assertEquals(0, buf.position());
    }

    @Test
    void decode_lengthAboveMax_throwsFrameTooLongBeforeAllocating() {
        ByteBuffer buf = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH);
        buf.put((byte) 1)
                .put((byte) FrameType.EVENT.code())
                .putLong(1)
                .putInt(Integer.MAX_VALUE)
                .flip();
        FrameTooLongException e = assertThrows(FrameTooLongException.class, () -> decoder.decode(buf));
        assertEquals(Integer.MAX_VALUE, e.length());
        assertEquals(1024, e.limit());
    }

    @Test
    void decode_unsignedLengthAboveIntRange_throwsFrameTooLong() {
        ByteBuffer buf = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH);
        buf.put((byte) 1)
                .put((byte) FrameType.EVENT.code())
                .putLong(1)
                .putInt(-1)
                .flip();
        FrameTooLongException e = assertThrows(FrameTooLongException.class, () -> decoder.decode(buf));
        assertEquals(0xFFFFFFFFL, e.length());
    }

    @Test
    void decode_wrongVersion_throwsCorrupt() {
        byte[] wire = FrameWriter.encode(new Frame(FrameType.PING, 0, new byte[8]));
        wire[0] = 2;
        CorruptFrameException e =
                assertThrows(CorruptFrameException.class, () -> decoder.decode(ByteBuffer.wrap(wire)));
        assertTrue(e.getMessage().contains("expected frame version 1 but was 2"), e.getMessage());
    }

    @Test
    void decode_unknownType_throwsCorrupt() {
        byte[] wire = FrameWriter.encode(new Frame(FrameType.PING, 0, new byte[8]));
        wire[1] = (byte) 0xEE;
        assertThrows(CorruptFrameException.class, () -> decoder.decode(ByteBuffer.wrap(wire)));
    }

    @Test
    void decode_sequenceOnUnsequencedType_throwsCorrupt() {
        byte[] wire = FrameWriter.encode(new Frame(FrameType.PING, 0, new byte[8]));
        wire[9] = 1;
        assertThrows(CorruptFrameException.class, () -> decoder.decode(ByteBuffer.wrap(wire)));
    }

    @Test
    void reader_oversizedFrameThenStreamStillRejected_butGoodFrameAfterBadOneInBufferDecodes() throws Exception {
        byte[] bad = FrameWriter.encode(new Frame(FrameType.EVENT, 1, new byte[2000]));
        byte[] good = FrameWriter.encode(new Frame(FrameType.EVENT, 2, new byte[] {9}));
        ByteBuffer buf =
                ByteBuffer.allocate(bad.length + good.length).put(bad).put(good).flip();
        assertThrows(FrameTooLongException.class, () -> decoder.decode(buf));
        buf.position(bad.length); // the caller skips or drops the link; the next frame is intact
        assertEquals(2, decoder.decode(buf).orElseThrow().sequence());
    }

    @Test
    void reader_truncatedPayload_throwsTruncated() throws Exception {
        byte[] wire = FrameWriter.encode(new Frame(FrameType.EVENT, 1, new byte[100]));
        FrameReader r = new FrameReader(new ByteArrayInputStream(wire, 0, 50), 1024);
        assertThrows(TruncatedFrameException.class, r::read);
    }

    @Test
    void reader_cleanEnd_isEmpty() throws Exception {
        FrameReader r = new FrameReader(new ByteArrayInputStream(new byte[0]), 1024);
        assertTrue(r.read().isEmpty());
    }

    @Test
    void writer_thenReader_roundTripsSeveralFrames() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out, 1024);
        w.write(new Frame(FrameType.EVENT, 1, new byte[] {1}));
        w.write(new Frame(FrameType.ACK, 0, new byte[8]), false);
        w.flush();
        FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()), 1024);
        assertEquals(FrameType.EVENT, r.readRequired().type());
        Frame ack = r.readRequired();
        assertEquals(FrameType.ACK, ack.type());
        assertArrayEquals(new byte[8], ack.payload());
        assertTrue(r.read().isEmpty());
    }

    @Test
    void writer_payloadAboveLimit_throwsFrameTooLong() {
        FrameWriter w = new FrameWriter(new ByteArrayOutputStream(), 4);
        assertThrows(FrameTooLongException.class, () -> w.write(new Frame(FrameType.EVENT, 1, new byte[5])));
    }
}
