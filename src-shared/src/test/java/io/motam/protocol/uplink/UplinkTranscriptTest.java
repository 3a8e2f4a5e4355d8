package io.motam.protocol.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.CommandKind;
import io.motam.domain.FileKind;
import io.motam.domain.SystemState;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.FileOffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camera and gateway, both the real uplink classes, checked to agree after every step. */
class UplinkTranscriptTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private Harness h;

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void transcript_welcomeEventsCommandFile_bothSidesAgreeAfterEachStep() throws Exception {
        h = new Harness(tmp).paired();
        h.keys.state = SystemState.STOPPED;
        h.outbox.add(Events.numbered(1));
        h.startUplink();

        // WELCOME: version 3 agreed, the camera follows the gateway's state, the backlog is sent
        await().atMost(PATIENCE).until(() -> h.uplink.connected());
        assertEquals(VersionRange.RELEASE_EPOCH, h.uplink.version());
        assertEquals(VersionRange.RELEASE_EPOCH, h.receivers.get(0).protocolVersion());
        assertEquals(SystemState.STOPPED, h.welcomes.get(0));
        await().atMost(PATIENCE).until(() -> h.outbox.pendingCount() == 0);
        assertEquals(1, h.sink.count());
        assertEquals(1, h.outbox.lastAcked());

        // events while connected: delivered in order, acked, nothing left
        for (int i = 2; i <= 50; i++) {
            h.outbox.add(Events.numbered(i));
        }
        await().atMost(PATIENCE).until(() -> h.outbox.pendingCount() == 0);
        assertEquals(50, h.sink.count());
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, h.sink.delivered().get(i).sequence());
            assertEquals(i + 1, Events.numberOf(h.sink.delivered().get(i).event()));
        }
        assertEquals(50, h.outbox.lastAcked());

        // a command from the gateway reaches the camera's handler
        assertEquals(1, h.keys.active.forward(new Command(CommandKind.RESUME, "c-1")));
        await().atMost(PATIENCE).until(() -> h.commands.size() == 1);
        assertEquals(new Command(CommandKind.RESUME, "c-1"), h.commands.get(0));

        // a file: offered, chunked, verified, in the store, gone from the camera's queue
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        FileOffer offer = h.files.enqueue(FileKind.SNAPSHOT, "alert-1.jpg", content);
        await().atMost(PATIENCE).until(() -> h.files.count() == 0);
        assertArrayEquals(content, Files.readAllBytes(h.store.file(Harness.CAMERA, "alert-1.jpg")));
        assertEquals(offer, h.store.completed().get(0));
        assertEquals(0, h.sink.violations());
    }

    @Test
    void negotiation_gatewaySpeaksOnlyVersion1_eventsFlowFilesWait() throws Exception {
        h = new Harness(tmp).paired();
        h.gatewaySettings = h.gatewaySettings.withVersions(new VersionRange(1, 1));
        h.files.enqueue(FileKind.LOG, "camera.log", new byte[1000]);
        h.outbox.add(Events.numbered(1));
        h.startUplink();
        await().atMost(PATIENCE).until(() -> h.outbox.pendingCount() == 0);
        assertEquals(VersionRange.EVENTS, h.uplink.version());
        Thread.sleep(200);
        assertEquals(1, h.files.count(), "no files on a version 1 session: they wait in the queue");
    }

    @Test
    void negotiation_noCommonVersion_gatewaySaysVersionUnsupported() throws Exception {
        h = new Harness(tmp).paired();
        h.gatewaySettings = h.gatewaySettings.withVersions(
                new VersionRange(VersionRange.SUPPORTED.max() + 1, VersionRange.SUPPORTED.max() + 2));
        h.startUplink();
        await().atMost(PATIENCE).until(() -> !h.gatewayOutcomes.isEmpty());
        ConnectionOutcome gw = h.gatewayOutcomes.get(0);
        assertEquals(
                io.motam.protocol.message.Close.Reason.VERSION_UNSUPPORTED,
                gw.sent().orElseThrow());
        assertTrue(!gw.established());
        assertEquals(0, h.sink.count());
    }

    @Test
    void damagedEventInTheCameraOutbox_isLost_andEveryOtherArrivesOnceInOrder() throws Exception {
        h = new Harness(tmp).paired();
        for (int i = 1; i <= 20; i++) {
            h.outbox.add(Events.numbered(i));
        }
        h.stopCamera();
        Path frames = tmp.resolve("camera").resolve("outbox").resolve("outbox.frames");
        byte[] bytes = Files.readAllBytes(frames);
        int tenth = 0;
        for (int i = 1; i < 10; i++) { // walk the frames: 14-byte header, then the payload length it gives
            tenth += FrameFormat.HEADER_LENGTH
                    + java.nio.ByteBuffer.wrap(bytes).getInt(tenth + FrameFormat.HEADER_LENGTH - 4);
        }
        bytes[tenth + FrameFormat.HEADER_LENGTH] = 0x7F; // event 10 no longer decodes (unknown kind)
        Files.write(frames, bytes);

        h.openCameraQueues();
        h.startUplink();
        await().atMost(PATIENCE).until(() -> h.outbox.pendingCount() == 0);
        java.util.List<Long> numbers =
                h.sink.delivered().stream().map(MemorySink.Delivered::sequence).toList();
        java.util.List<Long> expected = java.util.stream.LongStream.rangeClosed(1, 20)
                .filter(n -> n != 10)
                .boxed()
                .toList();
        assertEquals(expected, numbers, "every event but the damaged one, once, in order");
        for (MemorySink.Delivered d : h.sink.delivered()) {
            assertEquals(d.sequence(), Events.numberOf(d.event()), "each event keeps its number");
        }
        assertEquals(0, h.sink.violations());
        assertEquals(20, h.outbox.lastAcked());
    }
}
