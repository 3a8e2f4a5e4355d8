package io.motam.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class FrameDecoderProperties {
    private final FrameDecoder decoder = new FrameDecoder(4096);

    @Provide
    Arbitrary<Frame> frames() {
        Arbitrary<FrameType> types = Arbitraries.of(FrameType.class);
        Arbitrary<Long> seqs = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
        return Combinators.combine(types, seqs, payloads).as((t, s, p) -> new Frame(t, t.sequenced() ? s : 0, p));
    }

    @Property
    void roundTrip_anyValidFrame_decodesEqual(@ForAll("frames") Frame f) throws Exception {
        assertEquals(f, decoder.decode(ByteBuffer.wrap(FrameWriter.encode(f))).orElseThrow());
    }

    @Property
    void randomBytes_neverEscapeAsUncheckedException(@ForAll @Size(max = 64) byte[] junk) {
        try {
            decoder.decode(ByteBuffer.wrap(junk));
        } catch (ProtocolException expected) {
            // a specific, checked refusal is the only acceptable failure
        }
    }

    @Property
    void mutatedFrame_neverEscapesAndGoodFrameAfterwardsDecodes(
            @ForAll("frames") Frame f, @ForAll("frames") Frame next, @ForAll int position, @ForAll byte value)
            throws Exception {
        byte[] wire = FrameWriter.encode(f);
        wire[Math.floorMod(position, wire.length)] = value;
        try {
            decoder.decode(ByteBuffer.wrap(wire));
        } catch (ProtocolException expected) {
            // refused: fine
        }
        // a receiver that resynchronises at the next frame boundary decodes it intact
        assertEquals(
                next, decoder.decode(ByteBuffer.wrap(FrameWriter.encode(next))).orElseThrow());
    }
}
