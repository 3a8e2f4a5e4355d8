package io.motam.protocol.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.link.Link;
import io.motam.protocol.restore.RestoreFile;
import io.motam.protocol.restore.RestoreTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore (version 3) between the real camera uplink and the real gateway receiver, over TLS on a
 * loopback TCP socket: the camera asks after WELCOME, the gateway sends its stored file or says
 * it has none, and both sides agree on what happened.
 */
class RestoreTranscriptTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private Harness h;
    private ServerSocket listener;
    private Thread acceptor;
    private final Target target = new Target();

    /** The camera's side: records what it heard. */
    private final class Target implements RestoreTarget {
        final List<Path> restored = new CopyOnWriteArrayList<>();
        final AtomicInteger unavailable = new AtomicInteger();

        @Override
        public FileKind kind() {
            return FileKind.MODEL;
        }

        @Override
        public Path folder() {
            return tmp.resolve("camera").resolve("restored");
        }

        @Override
        public void restored(FileKind kind, Path file) {
            restored.add(file);
        }

        @Override
        public void unavailable(FileKind kind) {
            unavailable.incrementAndGet();
        }

        boolean heard() {
            return !restored.isEmpty() || unavailable.get() > 0;
        }
    }

    @BeforeEach
    void listen() throws IOException {
        h = new Harness(tmp).paired();
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Harness.daemon(
                () -> {
                    while (!listener.isClosed()) {
                        try {
                            Socket s = listener.accept();
                            s.setTcpNoDelay(true);
                            h.serve(Link.of(
                                    s.getInputStream(),
                                    s.getOutputStream(),
                                    "tcp:" + s.getRemoteSocketAddress(),
                                    () -> close(s)));
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "test-restore-accept");
        acceptor.start();
        h.dialer = endpoint -> {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(listener.getLocalSocketAddress(), 2_000);
            return Link.of(
                    s.getInputStream(), s.getOutputStream(), "tcp:" + s.getRemoteSocketAddress(), () -> close(s));
        };
        h.restoreTarget = target;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        listener.close();
        h.close();
    }

    @Test
    void restore_storedModel_arrivesByteIdentical_andNoPartialIsLeft() throws Exception {
        byte[] model = new byte[300_000]; // several chunks and a short last one
        new Random(7).nextBytes(model);
        AtomicInteger asked = new AtomicInteger();
        h.restoreSource = (cameraId, kind) -> {
            asked.incrementAndGet();
            assertEquals(Harness.CAMERA, cameraId);
            assertEquals(FileKind.MODEL, kind);
            return Optional.of(new RestoreFile(kind, "lbph-model.yml.gz", model));
        };
        h.startUplink();

        await().atMost(PATIENCE).until(target::heard);
        assertEquals(VersionRange.RELEASE_EPOCH, h.uplink.version());
        assertEquals(VersionRange.RELEASE_EPOCH, h.receivers.get(0).protocolVersion());
        assertEquals(1, asked.get());
        assertEquals(List.of(target.folder().resolve("lbph-model.yml.gz")), target.restored);
        assertArrayEquals(model, Files.readAllBytes(target.restored.get(0)));
        try (Stream<Path> files = Files.list(target.folder())) {
            assertEquals(List.of(target.folder().resolve("lbph-model.yml.gz")), files.toList());
        }
        assertEquals(0, target.unavailable.get());

        // the link goes on: events still flow after the restore
        h.outbox.add(Events.numbered(1));
        await().atMost(PATIENCE).until(() -> h.outbox.pendingCount() == 0);
        assertEquals(1, h.sink.count());
    }

    @Test
    void restore_emptyModel_arrivesAsEmptyFile() throws Exception {
        h.restoreSource = (cameraId, kind) -> Optional.of(new RestoreFile(kind, "empty.bin", new byte[0]));
        h.startUplink();

        await().atMost(PATIENCE).until(target::heard);
        assertEquals(0, Files.size(target.restored.get(0)));
    }

    @Test
    void restore_nothingKept_cameraHearsNone_andTheLinkStaysUp() throws Exception {
        h.startUplink(); // the harness gateway keeps nothing (RestoreSource.NONE)

        await().atMost(PATIENCE).until(target::heard);
        assertEquals(1, target.unavailable.get());
        assertTrue(target.restored.isEmpty());
        assertTrue(h.uplink.connected());
    }

    @Test
    void restore_sourceFails_cameraHearsNone() throws Exception {
        h.restoreSource = (cameraId, kind) -> {
            throw new IOException("backup models/x: expected SHA-256 aa but was bb");
        };
        h.startUplink();

        await().atMost(PATIENCE).until(target::heard);
        assertEquals(1, target.unavailable.get());
        assertTrue(h.uplink.connected());
    }

    @Test
    void restore_gatewayOfVersion2_isNotAsked_andEventsStillFlow() throws Exception {
        h.gatewaySettings =
                UplinkSettings.DEFAULT.withVersions(new VersionRange(VersionRange.EVENTS, VersionRange.FILES));
        AtomicInteger asked = new AtomicInteger();
        h.restoreSource = (cameraId, kind) -> {
            asked.incrementAndGet();
            return Optional.empty();
        };
        h.outbox.add(Events.numbered(1));
        h.startUplink();

        await().atMost(PATIENCE).until(() -> h.outbox.pendingCount() == 0);
        assertEquals(VersionRange.FILES, h.uplink.version());
        assertEquals(0, asked.get());
        assertTrue(!target.heard());
    }

    @Test
    void restore_afterReconnect_isNotAskedAgain() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        h.restoreSource = (cameraId, kind) -> {
            asked.incrementAndGet();
            return Optional.of(new RestoreFile(kind, "m.bin", new byte[] {1, 2, 3}));
        };
        h.startUplink();
        await().atMost(PATIENCE).until(target::heard);

        h.receivers.get(0).close(io.motam.protocol.message.Close.Reason.SHUTDOWN);
        await().atMost(PATIENCE).until(() -> h.receivers.size() >= 2 && h.uplink.connected());
        h.outbox.add(Events.numbered(1));
        await().atMost(PATIENCE).until(() -> h.outbox.pendingCount() == 0);
        assertEquals(1, asked.get());
        assertEquals(1, target.restored.size());
    }
}
