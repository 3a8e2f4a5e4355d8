package io.motam.protocol.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.link.Link;
import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameTooLongException;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.frame.OutOfWindowException;
import io.motam.protocol.frame.TruncatedFrameException;
import io.motam.protocol.frame.UnexpectedMessageException;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.FileAck;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.message.FileDone;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.Hello;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionServer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken input from an authenticated peer: each is refused with its own exception,
 * the reason is logged, the peer is told CLOSE(PROTOCOL_ERROR) where the session can still carry
 * it, and what was good before it stays delivered.
 */
class BadInputTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private Harness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(tmp).paired();
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    /** A raw camera past WELCOME, and the future of the gateway's end. */
    private record Open(RawCamera camera, Future<ConnectionOutcome> gateway) {}

    private Open open() throws Exception {
        Link[] ends = Pipe.pair("raw");
        Future<ConnectionOutcome> gw = h.serve(ends[1]);
        RawCamera camera = RawCamera.connect(halfClosable(ends[0]), h.cameraIdentity, h.gatewayIdentity.fingerprint());
        camera.hello(Harness.CAMERA);
        assertInstanceOf(Welcome.class, camera.next());
        return new Open(camera, gw);
    }

    /** Closing the session sends close_notify but leaves the transport open, so the gateway can answer it. */
    private static Link halfClosable(Link t) {
        return Link.of(
                new java.io.FilterInputStream(t.input()) {
                    @Override
                    public void close() {}
                },
                new java.io.FilterOutputStream(t.output()) {
                    @Override
                    public void write(byte[] b, int off, int len) throws java.io.IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() {}
                },
                t.peerAddress(),
                t::close);
    }

    private static byte[] header(int version, int type, long sequence, long length) {
        return ByteBuffer.allocate(14)
                .put((byte) version)
                .put((byte) type)
                .putLong(sequence)
                .putInt((int) length)
                .array();
    }

    private Exception refusedWithProtocolError(Open o) throws Exception {
        assertEquals(new Close(Close.Reason.PROTOCOL_ERROR), o.camera().nextNotPing());
        ConnectionOutcome gw = o.gateway().get(5, TimeUnit.SECONDS);
        assertEquals(Close.Reason.PROTOCOL_ERROR, gw.sent().orElseThrow());
        return gw.failure().orElseThrow();
    }

    @Test
    void frameOverTheLimit_refusedBeforeAllocating_closedWithProtocolError() throws Exception {
        Open o = open();
        o.camera().raw(header(1, FrameType.EVENT.code(), 1, 0x7FFF_FFFFL));
        FrameTooLongException e = assertInstanceOf(FrameTooLongException.class, refusedWithProtocolError(o));
        assertEquals(0x7FFF_FFFFL, e.length());
    }

    @Test
    void truncatedFrame_streamEndsInside_truncatedFrameException() throws Exception {
        Open o = open();
        o.camera().raw(header(1, FrameType.PING.code(), 0, 8));
        o.camera().raw(new byte[3]);
        o.camera().session.close(); // close_notify: the decrypted stream ends inside the frame
        ConnectionOutcome gw = o.gateway().get(5, TimeUnit.SECONDS);
        assertInstanceOf(TruncatedFrameException.class, gw.failure().orElseThrow());
    }

    @Test
    void unknownFrameType_corruptFrameException_closedWithProtocolError() throws Exception {
        Open o = open();
        o.camera().raw(header(1, 0x7E, 0, 0));
        Exception e = refusedWithProtocolError(o);
        assertInstanceOf(CorruptFrameException.class, e);
        assertTrue(e.getMessage().contains("0x7e"), e.getMessage());
    }

    @Test
    void garbage_afterGoodEvents_refusedAndTheGoodOnesStayDelivered() throws Exception {
        Open o = open();
        o.camera().send(Events.numbered(1), 1).send(Events.numbered(2), 2);
        Message ack = o.camera().nextNotPing();
        if (ack.equals(new Ack(1))) {
            ack = o.camera().nextNotPing(); // acks coalesce only when the events arrive together
        }
        assertEquals(new Ack(2), ack);
        byte[] junk = new byte[200];
        new Random(3).nextBytes(junk);
        junk[0] = 9; // not frame version 1
        o.camera().raw(junk);
        assertInstanceOf(CorruptFrameException.class, refusedWithProtocolError(o));
        assertEquals(2, h.sink.count());
    }

    @Test
    void badPayload_validHeader_corruptFrameException() throws Exception {
        Open o = open();
        o.camera().send(new Frame(FrameType.EVENT, 1, new byte[] {9, 9, 9}));
        assertInstanceOf(CorruptFrameException.class, refusedWithProtocolError(o));
        assertEquals(0, h.sink.count());
    }

    @Test
    void sequenceJumpMidSession_outOfWindow_earlierEventKept() throws Exception {
        Open o = open();
        o.camera().send(Events.numbered(1), 1);
        assertEquals(new Ack(1), o.camera().nextNotPing());
        o.camera().send(Events.numbered(5), 5);
        OutOfWindowException e = assertInstanceOf(OutOfWindowException.class, refusedWithProtocolError(o));
        assertEquals(2, e.expected());
        assertEquals(5, e.actual());
        assertEquals(1, h.sink.count());
    }

    @Test
    void duplicateEvent_ackedAgainNotDeliveredTwice() throws Exception {
        Open o = open();
        o.camera().send(Events.numbered(1), 1);
        assertEquals(new Ack(1), o.camera().nextNotPing());
        o.camera().send(Events.numbered(1), 1);
        assertEquals(new Ack(1), o.camera().nextNotPing());
        assertEquals(1, h.sink.count());
    }

    @Test
    void messageOutOfPlace_welcomeFromCamera_unexpectedMessage() throws Exception {
        Open o = open();
        o.camera().send(new Welcome(2, io.motam.domain.SystemState.RUNNING, 0));
        assertInstanceOf(UnexpectedMessageException.class, refusedWithProtocolError(o));
    }

    @Test
    void fileWithWrongHash_hashMismatchAnswered_linkStaysUsable() throws Exception {
        Open o = open();
        byte[] content = new byte[100_000];
        new Random(5).nextBytes(content);
        UUID id = UUID.randomUUID();
        o.camera().send(new FileOffer(id, FileKind.SNAPSHOT, "forged.jpg", content.length, new byte[32]));
        assertEquals(new FileAck(id, 0), o.camera().nextNotPing());
        o.camera().send(new FileChunk(id, 0, java.util.Arrays.copyOf(content, 65_536)));
        o.camera().send(new FileChunk(id, 65_536, java.util.Arrays.copyOfRange(content, 65_536, content.length)));
        assertEquals(new FileDone(id, FileDone.Status.HASH_MISMATCH), o.camera().nextNotPing());
        assertTrue(h.store.completed().isEmpty());
        assertTrue(Files.notExists(h.store.file(Harness.CAMERA, "forged.jpg")));
        try (var partial = Files.list(h.store.partialDir(Harness.CAMERA))) {
            assertEquals(
                    0,
                    partial.filter(p -> !p.getFileName().toString().startsWith("."))
                            .count(),
                    "the bad bytes are gone");
        }
        o.camera().send(Events.numbered(1), 1);
        assertEquals(new Ack(1), o.camera().nextNotPing(), "the link recovered");
    }

    @Test
    void fileChunkAtWrongOffset_outOfWindow() throws Exception {
        Open o = open();
        UUID id = UUID.randomUUID();
        o.camera().send(new FileOffer(id, FileKind.LOG, "a.log", 1000, new byte[32]));
        assertEquals(new FileAck(id, 0), o.camera().nextNotPing());
        o.camera().send(new FileChunk(id, 500, new byte[10]));
        OutOfWindowException e = assertInstanceOf(OutOfWindowException.class, refusedWithProtocolError(o));
        assertEquals(0, e.expected());
    }

    @Test
    void fileChunkPastOfferedSize_outOfWindow() throws Exception {
        Open o = open();
        UUID id = UUID.randomUUID();
        o.camera().send(new FileOffer(id, FileKind.LOG, "b.log", 10, new byte[32]));
        assertEquals(new FileAck(id, 0), o.camera().nextNotPing());
        o.camera().send(new FileChunk(id, 0, new byte[11]));
        assertInstanceOf(OutOfWindowException.class, refusedWithProtocolError(o));
    }

    @Test
    void fileOverTheSizeLimit_rejected_linkStaysUsable() throws Exception {
        h.fileLimits = new io.motam.protocol.file.FileReceiver.Limits(1000, 1 << 20);
        Open o = open();
        UUID id = UUID.randomUUID();
        o.camera().send(new FileOffer(id, FileKind.MODEL, "huge.bin", 1001, new byte[32]));
        assertEquals(new FileDone(id, FileDone.Status.REJECTED), o.camera().nextNotPing());
        o.camera().send(Events.numbered(1), 1);
        assertEquals(new Ack(1), o.camera().nextNotPing());
    }

    @Test
    void peerStallsBeforeTls_droppedAtTheHandshakeTimeout() throws Exception {
        h.gatewaySettings = h.gatewaySettings.withHandshakeTimeout(Duration.ofMillis(300));
        Link[] ends = Pipe.pair("stall");
        long start = System.nanoTime();
        Future<ConnectionOutcome> gw = h.serve(ends[1]);
        ends[0].output().write(new byte[] {0x16, 0x03, 0x01, 0x00}); // the start of a ClientHello, then nothing
        ConnectionOutcome outcome = gw.get(5, TimeUnit.SECONDS);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        HandshakeTimeoutException e = assertInstanceOf(
                HandshakeTimeoutException.class, outcome.failure().orElseThrow());
        assertEquals(ConnectionState.TLS_HANDSHAKE, e.stalledIn());
        assertTrue(took >= 280 && took < 2000, "dropped after " + took + " ms");
    }

    @Test
    void peerStallsAfterTlsBeforeHello_droppedAtTheHandshakeTimeout() throws Exception {
        h.gatewaySettings = h.gatewaySettings.withHandshakeTimeout(Duration.ofMillis(500));
        Link[] ends = Pipe.pair("stall");
        Future<ConnectionOutcome> gw = h.serve(ends[1]);
        RawCamera.connect(ends[0], h.cameraIdentity, h.gatewayIdentity.fingerprint());
        ConnectionOutcome outcome = gw.get(5, TimeUnit.SECONDS);
        HandshakeTimeoutException e = assertInstanceOf(
                HandshakeTimeoutException.class, outcome.failure().orElseThrow());
        assertEquals(ConnectionState.AWAIT_HELLO, e.stalledIn());
    }

    @Test
    void gatewaySendsGarbageInsteadOfWelcome_cameraClosesWithProtocolError() throws Exception {
        Link[] ends = Pipe.pair("rogue");
        Future<?> rogue = h.sessions.submit(() -> {
            SecureSession s = SessionServer.accept(ends[1].input(), ends[1].output(), h.gatewayIdentity, k -> true);
            var reader = new io.motam.protocol.frame.FrameReader(s.in(), 1 << 20);
            assertInstanceOf(Hello.class, MessageCodec.decode(reader.readRequired()));
            s.out().write(header(1, 0x66, 0, 0));
            s.out().flush();
            Message m = MessageCodec.decode(reader.readRequired());
            return m;
        });
        CameraConnection c = new CameraConnection(
                new Uplink.Context(
                        Harness.CAMERA,
                        h.cameraIdentity,
                        h.outbox,
                        h.files,
                        Uplink.Target.pinned("pipe:rogue", h.gatewayIdentity.fingerprint()),
                        new NoHandler(),
                        h.cameraSettings,
                        h.timers),
                ends[0],
                Uplink.Destination.pinned("pipe:rogue", h.gatewayIdentity.fingerprint()));
        ConnectionOutcome outcome = c.run();
        assertInstanceOf(CorruptFrameException.class, outcome.failure().orElseThrow());
        assertEquals(Close.Reason.PROTOCOL_ERROR, outcome.sent().orElseThrow());
        assertEquals(new Close(Close.Reason.PROTOCOL_ERROR), rogue.get(5, TimeUnit.SECONDS));
    }

    @Test
    void gatewayAcksAnEventNeverSent_cameraRefusesOutOfWindow() throws Exception {
        Link[] ends = Pipe.pair("rogue");
        h.sessions.submit(() -> {
            SecureSession s = SessionServer.accept(ends[1].input(), ends[1].output(), h.gatewayIdentity, k -> true);
            var reader = new io.motam.protocol.frame.FrameReader(s.in(), 1 << 20);
            var writer = new io.motam.protocol.frame.FrameWriter(s.out(), 1 << 20);
            reader.readRequired();
            writer.write(MessageCodec.toFrame(new Welcome(2, io.motam.domain.SystemState.RUNNING, 0), 0));
            writer.write(MessageCodec.toFrame(new Ack(99), 0));
            return MessageCodec.decode(reader.readRequired());
        });
        CameraConnection c = new CameraConnection(
                new Uplink.Context(
                        Harness.CAMERA,
                        h.cameraIdentity,
                        h.outbox,
                        h.files,
                        Uplink.Target.pinned("pipe:rogue", h.gatewayIdentity.fingerprint()),
                        new NoHandler(),
                        h.cameraSettings,
                        h.timers),
                ends[0],
                Uplink.Destination.pinned("pipe:rogue", h.gatewayIdentity.fingerprint()));
        ConnectionOutcome outcome = c.run();
        assertInstanceOf(OutOfWindowException.class, outcome.failure().orElseThrow());
        await().atMost(PATIENCE).until(() -> true);
    }

    private static final class NoHandler implements Uplink.Handler {
        @Override
        public void welcomed(io.motam.protocol.message.Welcome welcome) {}

        @Override
        public void command(io.motam.protocol.message.Command command) {}
    }
}
