package io.motam.protocol.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.link.Link;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.Welcome;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newer camera sends an event of a kind this gateway does not know: the gateway acknowledges
 * it without storing it and keeps the session, so the camera's queue moves on to the events
 * behind it (instead of a PROTOCOL_ERROR, and the same event sent again after every reconnect).
 */
class UnknownEventTest {
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

    /** EVENT payload of kind 9 (not ours): kind u8 | id uuid(16) | at i64 | fields a newer camera added. */
    private static Frame unknownKind(long sequence, UUID id) {
        byte[] payload = ByteBuffer.allocate(1 + 16 + 8 + 6)
                .put((byte) 9)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .putLong(1_700_000_000_000L)
                .putShort((short) 1)
                .putInt(0x7A11)
                .array();
        return new Frame(FrameType.EVENT, sequence, payload);
    }

    /** Reads until the cumulative ACK reaches {@code sequence}; fails on anything but ACK and keepalive. */
    private static void awaitAck(RawCamera camera, long sequence) throws Exception {
        while (true) {
            Message m = camera.nextNotPing();
            Ack ack = assertInstanceOf(Ack.class, m, "expected only ACKs from the gateway");
            if (ack.sequence() == sequence) {
                return;
            }
            assertTrue(ack.sequence() < sequence, "ack " + ack.sequence() + " beyond " + sequence);
        }
    }

    @Test
    void unknownEventKind_skippedAndAcked_eventsBehindItStoredInTheSameSession() throws Exception {
        Link[] ends = Pipe.pair("newer-camera");
        Future<ConnectionOutcome> gateway = h.serve(ends[1]);
        RawCamera camera = RawCamera.connect(ends[0], h.cameraIdentity, h.gatewayIdentity.fingerprint());
        camera.hello(Harness.CAMERA);
        assertInstanceOf(Welcome.class, camera.next());

        camera.send(Events.numbered(1), 1);
        awaitAck(camera, 1);
        camera.send(unknownKind(2, new UUID(9, 2)));
        awaitAck(camera, 2);
        camera.send(Events.numbered(3), 3).send(Events.numbered(4), 4);
        awaitAck(camera, 4);

        List<Long> stored =
                h.sink.delivered().stream().map(MemorySink.Delivered::sequence).toList();
        assertEquals(List.of(1L, 3L, 4L), stored, "the unknown event is not stored; the ones behind it are");
        assertEquals(List.of(2L), h.sink.skipped(), "the skip is recorded by the sink before the ACK");
        GatewayConnection connection = h.receivers.get(0);
        assertEquals(1, connection.skipped());
        assertEquals(ConnectionState.OPEN, connection.connectionState(), "the session stays open");

        camera.send(new Close(Close.Reason.SHUTDOWN));
        ConnectionOutcome outcome = gateway.get(5, TimeUnit.SECONDS);
        assertTrue(outcome.failure().isEmpty(), "ended by the camera's CLOSE, not by an error: " + outcome.describe());
        assertTrue(outcome.sent().isEmpty(), "the gateway sent no CLOSE: " + outcome.describe());
        camera.close();
    }

    @Test
    void unknownEventKind_sentAgainInTheSession_ackedAsDuplicateAndNotCountedTwice() throws Exception {
        Link[] ends = Pipe.pair("newer-camera");
        h.serve(ends[1]);
        RawCamera camera = RawCamera.connect(ends[0], h.cameraIdentity, h.gatewayIdentity.fingerprint());
        camera.hello(Harness.CAMERA);
        assertInstanceOf(Welcome.class, camera.next());

        camera.send(unknownKind(1, new UUID(9, 1)));
        awaitAck(camera, 1);
        camera.send(unknownKind(1, new UUID(9, 1)));
        awaitAck(camera, 1);

        GatewayConnection connection = h.receivers.get(0);
        assertEquals(1, connection.skipped());
        assertEquals(1, connection.duplicates());
        assertEquals(0, h.sink.count());
        assertEquals(List.of(1L), h.sink.skipped(), "a resend is not recorded twice");
        camera.close();
    }

    @Test
    void unknownEventKind_skipCannotBeRecorded_closedWithStorageFailureAndNotAcked() throws Exception {
        Link[] ends = Pipe.pair("newer-camera");
        Future<ConnectionOutcome> gateway = h.serve(ends[1]);
        RawCamera camera = RawCamera.connect(ends[0], h.cameraIdentity, h.gatewayIdentity.fingerprint());
        camera.hello(Harness.CAMERA);
        assertInstanceOf(Welcome.class, camera.next());

        h.sink.failing(true);
        camera.send(unknownKind(1, new UUID(9, 1)));
        assertEquals(
                new Close(Close.Reason.STORAGE_FAILURE), camera.nextNotPing(), "no ACK before the skip is recorded");
        assertEquals(
                Close.Reason.STORAGE_FAILURE,
                gateway.get(5, TimeUnit.SECONDS).sent().orElseThrow());
        assertEquals(List.of(), h.sink.skipped());
        camera.close();
    }
}
