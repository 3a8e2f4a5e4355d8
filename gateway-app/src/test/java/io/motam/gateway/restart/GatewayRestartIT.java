package io.motam.gateway.restart;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.domain.CameraMode;
import io.motam.domain.FileKind;
import io.motam.domain.Verdict;
import io.motam.link.Link;
import io.motam.link.tcp.TcpLinkConnector;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.Recognition;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.session.Identity;
import io.motam.protocol.uplink.Uplink;
import io.motam.protocol.uplink.UplinkSettings;
import io.motam.testing.Required;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: the packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) is killed with
 * SIGKILL twice while a real camera uplink (the shared {@link Uplink} with its durable
 * {@link Outbox} and {@link FileOutbox}) talks to it over TCP: once in the middle of a 20 MiB file
 * (a {@code .part} under {@code backup/.incoming/<camera>/} holds some of it), once right after an
 * ACK while events keep coming. Each time it is started again on the same data dir and port. In
 * the end the backup store holds the file exactly once with its SHA-256, the journal holds every
 * event number exactly once and in order, and the camera's queues are empty.
 *
 * <p>The camera's link is paced to {@link #LINK_BYTES_PER_SECOND} (a radio link is slower still)
 * so that the transfer is long enough to be caught mid-way on loopback.
 */
class GatewayRestartIT {
    private static final Logger LOG = Logger.getLogger(GatewayRestartIT.class);
    private static final String CAMERA = "cam-restart";
    private static final int FILE_SIZE = 20 * 1024 * 1024;
    private static final String FILE_NAME = "camera-restart.log";
    private static final int MIB = 1024 * 1024;
    private static final long LINK_BYTES_PER_SECOND = 8L * MIB;
    private static final int EVENTS_BEFORE_FILE = 200;
    private static final int EVENTS_DURING_FILE = 200;
    private static final int EVENTS_WHILE_DOWN = 100;
    private static final int EVENTS_AROUND_ACK = 400;
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong linkBytes = new AtomicLong();
    private final List<Process> processes = new ArrayList<>();
    private Path work;
    private Path dataDir;
    private int linkPort;
    private int mqttPort;
    private int gatewayStarts;
    private Process mosquitto;
    private Process gateway;
    private Outbox outbox;
    private FileOutbox files;
    private Uplink uplink;

    @BeforeEach
    void setUp() throws Exception {
        Path mosquittoBinary = Required.command("mosquitto", "mosquitto");
        Path jar = jar();
        Required.that(Files.isRegularFile(jar), jar + " (built in the package phase: mvn verify)", null);
        work = Path.of("target", "it", "gateway-restart-" + System.nanoTime()).toAbsolutePath();
        dataDir = work.resolve("gateway-data");
        Files.createDirectories(work);
        linkPort = freePort();
        mqttPort = freePort();
        // no configuration: local only, anonymous, no persistence (the bridge is not what is tested here)
        mosquitto = track(new ProcessBuilder(mosquittoBinary.toString(), "-p", Integer.toString(mqttPort))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("mosquitto.log").toFile())
                .start());
        outbox = Outbox.open(work.resolve("camera").resolve("outbox"), 100_000);
        files = FileOutbox.open(work.resolve("camera").resolve("outbox").resolve("files"), FileOutbox.Limits.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (uplink != null) {
            uplink.close();
        }
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    @Test
    void killedMidFileAndAfterAck_everyEventAndTheFileArriveExactlyOnce() throws Exception {
        gateway = startGateway();
        Path offerFile = dataDir.resolve("pairing").resolve("offer.txt");
        await().atMost(START).until(() -> Files.isRegularFile(offerFile));
        PairingOffer offer = PairingOffer.decode(Files.readString(offerFile).strip());
        uplink = startUplink(offer);
        await().atMost(PATIENCE).until(uplink::connected);

        long next = addEvents(1, EVENTS_BEFORE_FILE);
        Path big = work.resolve(FILE_NAME);
        byte[] content = new byte[FILE_SIZE];
        new Random(5).nextBytes(content);
        Files.write(big, content);
        String sha256 = HexFormat.of().formatHex(sha256Of(content));
        files.enqueue(FileKind.LOG, FILE_NAME, big);
        next = addEvents(next, EVENTS_DURING_FILE);

        // restart point 1: the gateway holds part of the file, not all of it
        Path incoming = dataDir.resolve("backup").resolve(".incoming").resolve(CAMERA);
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> partLength(incoming)
                        .filter(n -> n >= 2L * MIB && n <= FILE_SIZE - 4L * MIB)
                        .isPresent());
        long connectionsBefore = uplink.connections();
        kill(gateway);
        long partAtKill = partLength(incoming).orElse(-1L);
        assertEquals(1, files.count(), "the file was still unfinished when the gateway died");
        LOG.infof("killed the gateway mid-file: .part holds %d of %d bytes", partAtKill, FILE_SIZE);
        next = addEvents(next, EVENTS_WHILE_DOWN);
        gateway = startGateway();
        await().atMost(START).until(() -> uplink.connections() > connectionsBefore && uplink.connected());
        await().atMost(PATIENCE).until(() -> outbox.pendingCount() == 0 && files.count() == 0);
        long bytesAfterFirstRestart = linkBytes.get();

        // restart point 2: right after an ACK, while events keep being added
        long ackedBefore = outbox.lastAcked();
        long first = next;
        CompletableFuture<Long> producer =
                CompletableFuture.supplyAsync(() -> addEventsUnchecked(first, EVENTS_AROUND_ACK));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(1)).until(() -> outbox.lastAcked() > ackedBefore);
        long ackedAtKill = outbox.lastAcked();
        kill(gateway);
        LOG.infof(
                "killed the gateway right after ACK %d (events added so far: %d)", ackedAtKill, outbox.lastSequence());
        gateway = startGateway();
        next = producer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        long total = next - 1;
        await().atMost(START.plus(PATIENCE)).until(() -> outbox.lastAcked() == total && outbox.pendingCount() == 0);

        assertEquals(0, outbox.pendingCount(), "camera outbox empty");
        assertEquals(0, files.count(), "camera file queue empty");
        assertFileStoredOnce(sha256);
        assertEquals(List.of("STORED"), backupOutcomes(), "the file is announced once on events/backup");
        List<Long> journal = journalSequences();
        assertTrue(
                journal.equals(LongStream.rangeClosed(1, total).boxed().toList()),
                () -> "every event exactly once, in order, 1.." + total + ", but " + describe(journal));
        assertTrue(
                Files.readAllLines(work.resolve("gateway.log")).stream()
                        .anyMatch(l -> l.contains("receiving FileOffer")
                                && l.contains(FILE_NAME)
                                && l.matches(".* from offset [1-9][0-9]*")),
                "after the first restart the file resumed from a durable offset, not from 0");
        LOG.infof(
                "restart proof: %d events, %d byte file, part at kill %d, ack at kill %d, link bytes %d (after the first"
                        + " restart %d), gateway starts %d",
                total, FILE_SIZE, partAtKill, ackedAtKill, linkBytes.get(), bytesAfterFirstRestart, gatewayStarts);
    }

    private void assertFileStoredOnce(String sha256) throws IOException {
        Path backup = dataDir.resolve("backup");
        List<JsonNode> adds = new ArrayList<>();
        for (String line : Files.readAllLines(backup.resolve("index.jsonl"))) {
            JsonNode n = json.readTree(line);
            if ("add".equals(n.path("op").asText())
                    && FILE_NAME.equals(n.path("name").asText())) {
                adds.add(n);
            }
        }
        assertEquals(1, adds.size(), "one index entry for the file: " + adds);
        JsonNode add = adds.get(0);
        assertEquals(CAMERA, add.path("camera").asText());
        assertEquals(sha256, add.path("sha256").asText());
        assertEquals(FILE_SIZE, add.path("size").asLong());
        List<Path> stored;
        try (Stream<Path> walk = Files.walk(backup.resolve(CAMERA))) {
            stored = walk.filter(Files::isRegularFile).toList();
        }
        assertEquals(List.of(backup.resolve(add.path("path").asText())), stored, "one file in the camera's store");
        byte[] bytes = Files.readAllBytes(stored.get(0));
        assertEquals(sha256, HexFormat.of().formatHex(sha256Of(bytes)));
    }

    private static byte[] sha256Of(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every line of the journal's segments, in file order. */
    private List<JsonNode> journalLines() throws IOException {
        List<Path> segments;
        try (Stream<Path> list = Files.list(dataDir.resolve("journal"))) {
            segments = list.filter(p -> p.getFileName().toString().matches("events-\\d{20}\\.jsonl"))
                    .sorted()
                    .toList();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (Path segment : segments) {
            for (String line : Files.readAllLines(segment)) {
                if (!line.isBlank()) {
                    lines.add(json.readTree(line));
                }
            }
        }
        return lines;
    }

    /** The {@code seq} of every camera event in the journal, in file order. */
    private List<Long> journalSequences() throws IOException {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode n : journalLines()) {
            // the gateway's own entries share the journal with seq 0: authorisation decisions, backups
            String topic = n.path("topic").asText();
            if (n.has("seq")
                    && CAMERA.equals(n.path("camera").asText())
                    && !"events/authorisation".equals(topic)
                    && !"events/backup".equals(topic)) {
                seqs.add(n.get("seq").asLong());
            }
        }
        return seqs;
    }

    /** The outcomes of the journal's {@code events/backup} entries for the test file, in order. */
    private List<String> backupOutcomes() throws IOException {
        return journalLines().stream()
                .filter(n -> "events/backup".equals(n.path("topic").asText())
                        && n.path("payload").path("file").asText().endsWith(FILE_NAME))
                .map(n -> n.path("payload").path("outcome").asText())
                .toList();
    }

    /** The first irregularities of a journal's sequence numbers: duplicates, gaps, disorder. */
    private static String describe(List<Long> seqs) {
        List<String> odd = new ArrayList<>();
        long expected = 1;
        for (int i = 0; i < seqs.size() && odd.size() < 10; i++) {
            if (seqs.get(i) != expected) {
                odd.add("#" + i + " was " + seqs.get(i) + " (expected " + expected + ")");
            }
            expected = seqs.get(i) + 1;
        }
        return seqs.size() + " entries: " + odd;
    }

    private static Optional<Long> partLength(Path incoming) throws IOException {
        if (!Files.isDirectory(incoming)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(incoming)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".part"))
                    .findFirst()
                    .map(p -> p.toFile().length());
        }
    }

    private long addEvents(long first, int count) throws IOException {
        for (long i = first; i < first + count; i++) {
            long seq = outbox.add(event(i));
            assertEquals(i, seq, "the outbox numbers events from 1");
        }
        return first + count;
    }

    private long addEventsUnchecked(long first, int count) {
        try {
            return addEvents(first, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Event event(long i) {
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L + i);
        return i % 10 == 0
                ? new ModeChanged(
                        new UUID(5, i), at, CameraMode.NORMAL, CameraMode.ALERT, (int) (i % 12), "restart " + i)
                : new Recognition(new UUID(5, i), at, Verdict.KNOWN, i, 60, 1);
    }

    private Uplink startUplink(PairingOffer offer) {
        Identity identity = Identity.generate("motam-camera-restart-it");
        Uplink.Target target = new Uplink.Target() {
            private volatile boolean paired;

            @Override
            public Optional<Uplink.Destination> next() {
                return Optional.of(
                        paired
                                ? Uplink.Destination.pinned(offer.endpoint(), offer.gatewayFingerprint())
                                : Uplink.Destination.pairing(offer));
            }

            @Override
            public void paired(PairingOffer o) {
                paired = true;
            }
        };
        Uplink u = new Uplink(
                CAMERA,
                identity,
                outbox,
                files,
                target,
                this::dial,
                new Uplink.Handler() {
                    @Override
                    public void welcomed(io.motam.protocol.message.Welcome welcome) {
                        LOG.infof("welcomed, system %s", welcome.systemState());
                    }

                    @Override
                    public void command(Command command) {
                        LOG.infof("command %s", command);
                    }
                },
                UplinkSettings.DEFAULT,
                new Uplink.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                null);
        u.start();
        return u;
    }

    private Link dial(String endpoint) throws IOException {
        Link link =
                TcpLinkConnector.forEndpoint(endpoint, Duration.ofSeconds(2)).connect();
        return Link.of(link.input(), new Paced(link.output()), link.peerAddress(), link::close);
    }

    /** The camera's bytes out at no more than {@link #LINK_BYTES_PER_SECOND}, counted. */
    private final class Paced extends FilterOutputStream {
        private final long startNanos = System.nanoTime();
        private long sent;

        Paced(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sent += len;
            linkBytes.addAndGet(len);
            long due = startNanos + sent * 1_000_000_000L / LINK_BYTES_PER_SECOND;
            long ahead = due - System.nanoTime();
            if (ahead > 0) {
                LockSupport.parkNanos(ahead); // pacing the stream, not waiting for a condition
            }
        }
    }

    private Process startGateway() throws IOException {
        gatewayStarts++;
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dmotam.gateway.id=gw-restart",
                "-Dmotam.data-dir=" + dataDir,
                "-Dmotam.link.transport=tcp",
                "-Dmotam.link.tcp.port=" + linkPort,
                "-Dquarkus.http.port=0",
                "-Dmotam.gateway.release.code-hash=" + io.motam.gateway.testing.GatewayTestResource.releaseCodeHash(),
                "-Dmotam.mqtt.host=127.0.0.1",
                "-Dmotam.mqtt.port=" + mqttPort,
                "-jar",
                jar().toString());
        return track(new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("gateway.log").toFile()))
                .start());
    }

    private Process track(Process p) {
        processes.add(p);
        return p;
    }

    /** kill -9: no shutdown hook, no CLOSE to the camera, nothing flushed. */
    private static void kill(Process p) throws InterruptedException {
        assertTrue(p.destroyForcibly().waitFor(10, TimeUnit.SECONDS), "the gateway died");
    }

    private static Path jar() {
        return Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
