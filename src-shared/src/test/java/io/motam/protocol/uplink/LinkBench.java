package io.motam.protocol.uplink;

import io.motam.domain.FileKind;
import io.motam.link.Link;
import io.motam.protocol.delivery.EventSink;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.file.FileReceiver;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Event;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.PeerPolicy;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionClient;
import io.motam.protocol.session.SessionServer;
import io.motam.storage.LineFile;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The secure link's figures, over loopback TCP with TCP_NODELAY, camera and gateway in this JVM
 * (see docs/benchmarks.md, "Secure link"):
 *
 * <ol>
 * <li>handshake: TLS 1.3 with mutual certificates alone, and a full uplink connection (TLS,
 * HELLO, WELCOME);</li>
 * <li>a bare Bouncy Castle TLS 1.3 stream of 64 MiB (64 KiB writes, the reader discards);</li>
 * <li>a 64 MiB file through the whole MOTAM link: FILE_OFFER to FILE_DONE OK, chunks of 64 KiB,
 * written, hashed and fsync'd on the gateway and moved into its store; goodput as a ratio to
 * (2) in the same run, and wire efficiency = file bytes / every byte both ways on the TCP
 * connection;</li>
 * <li>10 000 events, each fsync'd into the camera's outbox and into a gateway journal file
 * before its ACK: events per second from the first add to the last ack.</li>
 * </ol>
 *
 * With (2) and (3) it prints the CPU time the JVM's threads spent on each and the CPU of one
 * SHA-256 over the file, and from them the ceiling a verified transfer can reach on this
 * machine's cores: at least the bare stream's CPU plus the gateway's hash, spread over at most
 * every core.
 *
 * Run: {@code mvn -B -q -o -pl src-shared test-compile exec:exec} (a JVM of its own with a 2 GiB
 * pre-touched heap and the test classpath). {@code -Dmotam.bench.rounds=N} (3),
 * {@code -Dmotam.bench.only=file|events}, {@code -Dmotam.bench.dir=<folder>} (where the files go;
 * {@code target} by default), {@code -Dmotam.bench.threads=true} (CPU per thread) and
 * {@code -Dmotam.bench.direct-io=false} (received files through the page cache) adjust it.
 */
public final class LinkBench {
    private static final int FILE_BYTES = 64 << 20;
    private static final int EVENTS = 10_000;
    /** The gateway's {@code motam.link.direct-io}. */
    private static final boolean DIRECT_IO = Boolean.parseBoolean(System.getProperty("motam.bench.direct-io", "true"));

    private static final Identity GATEWAY = Identity.generate("motam-gateway-bench");
    private static final Identity CAMERA = Identity.generate("motam-camera-bench");

    private final Path dir;
    private final ScheduledExecutorService timers =
            Executors.newScheduledThreadPool(2, r -> Harness.daemon(r, "bench-timers"));
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> Harness.daemon(r, "bench"));

    private LinkBench(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.LogManager.getLogManager().reset(); // figures only
        int rounds = Integer.getInteger("motam.bench.rounds", 3);
        Path base = Path.of(System.getProperty("motam.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "motam-bench-");
        LinkBench bench = new LinkBench(dir);
        try {
            bench.run(rounds);
        } finally {
            bench.threads.shutdownNow();
            bench.timers.shutdownNow();
            deleteTree(dir);
        }
        System.exit(0);
    }

    private void run(int rounds) throws Exception {
        System.out.printf(
                "MOTAM secure link bench: %d rounds, %d cores, Java %s, %s, files in %s, gateway direct I/O %s%n",
                rounds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("os.arch"),
                dir,
                DIRECT_IO ? "on" : "off");
        String only = System.getProperty("motam.bench.only", "all");
        List<Double> tls = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        for (int i = 0; only.equals("all") && i < 10 + rounds * 10; i++) {
            double t = tlsHandshakeMillis();
            double f = uplinkHandshakeMillis();
            if (i >= 10) { // the first ten warm up
                tls.add(t);
                full.add(f);
            }
        }
        if (only.equals("all")) {
            System.out.printf(
                    "handshake, TLS 1.3 mutual auth (ECDHE x25519, ECDSA P-256): median %.1f ms, min %.1f ms (n=%d)%n",
                    median(tls), Collections.min(tls), tls.size());
            System.out.printf(
                    "handshake, uplink to WELCOME (TLS + HELLO + WELCOME):       median %.1f ms, min %.1f ms (n=%d)%n",
                    median(full), Collections.min(full), full.size());
        }

        byte[] content = new byte[FILE_BYTES];
        new Random(42).nextBytes(content);
        Path source = dir.resolve("bench.bin");
        Files.write(source, content);
        for (int w = 0; w < 5 && !only.equals("events"); w++) { // warm-up: JIT and page cache
            bareTls(content, false);
            bareTls(content, true);
            fileThroughLink(source);
            sha256Millis(content);
        }
        List<Double> bares = new ArrayList<>();
        List<Double> storeds = new ArrayList<>();
        List<Double> motams = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> storeRatios = new ArrayList<>();
        List<Double> efficiencies = new ArrayList<>();
        List<Double> ceilings = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int r = 1; r <= rounds && !only.equals("events"); r++) {
            BareRun bareRun = bareTls(content, false);
            double bare = bareRun.seconds;
            double stored = bareTls(content, true).seconds;
            FileRun file = fileThroughLink(source);
            double sha = sha256Millis(content);
            // the same run cannot take less CPU than the bare stream plus the gateway's SHA-256, nor
            // spread it over more than the machine's cores: the best a verified transfer can reach
            double ceiling = Math.min(1, cores * bare * 1e3 / (bareRun.cpuMillis + sha));
            ceilings.add(ceiling);
            double bareRate = FILE_BYTES / bare / 1e6;
            double storedRate = FILE_BYTES / stored / 1e6;
            double fileRate = FILE_BYTES / file.seconds / 1e6;
            double efficiency = (double) FILE_BYTES / file.wireBytes;
            bares.add(bareRate);
            storeds.add(storedRate);
            motams.add(fileRate);
            ratios.add(fileRate / bareRate);
            storeRatios.add(fileRate / storedRate);
            efficiencies.add(efficiency);
            System.out.printf(
                    "round %d: bare TLS %.0f MB/s; bare TLS + store (write, SHA-256, fsync) %.0f MB/s; MOTAM file "
                            + "%.0f MB/s (%.0f ms, queued in %.0f ms before); ratio to bare %.3f, to bare + store %.3f; wire "
                            + "efficiency %.4f (%d / %d bytes)%n",
                    r,
                    bareRate,
                    storedRate,
                    fileRate,
                    file.seconds * 1e3,
                    file.enqueueSeconds * 1e3,
                    fileRate / bareRate,
                    fileRate / storedRate,
                    efficiency,
                    FILE_BYTES,
                    file.wireBytes);
            System.out.printf(
                    "  CPU: bare TLS %.0f ms (%.1f of %d cores busy); MOTAM %.0f ms, of which the gateway's store "
                            + "thread %.0f ms (SHA-256 + write + fsync); SHA-256 of 64 MiB alone %.0f ms; ceiling for a verified "
                            + "transfer on these shared cores %.2f of bare%n",
                    bareRun.cpuMillis,
                    bareRun.cpuMillis / (bare * 1e3),
                    cores,
                    file.cpuMillis,
                    file.storeCpuMillis,
                    sha,
                    ceiling);
        }
        if (!ratios.isEmpty()) {
            System.out.printf(
                    "64 MiB file, median of %d rounds: bare TLS %.0f MB/s, bare TLS + store %.0f MB/s, MOTAM %.0f MB/s; "
                            + "goodput ratio to bare BC TLS %.3f, to bare TLS + store %.3f; wire efficiency %.4f%n",
                    ratios.size(),
                    median(bares),
                    median(storeds),
                    median(motams),
                    median(ratios),
                    median(storeRatios),
                    median(efficiencies));
            System.out.printf(
                    "ceiling for a verified transfer on these %d shared cores (cores x bare time / (bare CPU + SHA-256 "
                            + "CPU)), median %.2f%n",
                    cores, median(ceilings));
        }
        if (!only.equals("file")) {
            events(); // warm-up
        }
        List<Double> eventRates = new ArrayList<>();
        for (int r = 1; r <= rounds && !only.equals("file"); r++) {
            EventRun e = events();
            eventRates.add(EVENTS / e.seconds);
            System.out.printf(
                    "round %d: %d events, each fsync'd in the camera outbox and the gateway journal before its ACK: "
                            + "%.0f events/s acknowledged (%.0f ms); outbox add alone %.0f events/s%n",
                    r, EVENTS, EVENTS / e.seconds, e.seconds * 1e3, e.addRate);
        }
        if (!eventRates.isEmpty()) {
            System.out.printf(
                    "events, median of %d rounds: %.0f events/s acknowledged with fsync on both sides%n",
                    eventRates.size(), median(eventRates));
        }
    }

    // --- (1) handshakes -------------------------------------------------------------------

    private double tlsHandshakeMillis() throws Exception {
        try (Tcp tcp = Tcp.open()) {
            Future<SecureSession> server = threads.submit(() -> SessionServer.accept(
                    tcp.server.getInputStream(), tcp.server.getOutputStream(), GATEWAY, PeerPolicy.ADMIT_ALL));
            long t0 = System.nanoTime();
            SecureSession client = SessionClient.connect(
                    tcp.client.getInputStream(), tcp.client.getOutputStream(), CAMERA, GATEWAY.fingerprint());
            double ms = (System.nanoTime() - t0) / 1e6;
            client.close();
            server.get(5, TimeUnit.SECONDS).close();
            return ms;
        }
    }

    private double uplinkHandshakeMillis() throws Exception {
        try (Tcp tcp = Tcp.open();
                Gateway gw = gateway(dir.resolve("hs"))) {
            gw.serve(tcp.serverTransport(null));
            try (Camera cam = camera(dir.resolve("hs-cam"))) {
                long t0 = System.nanoTime();
                cam.start(tcp.clientTransport(null));
                while (!cam.uplink.connected()) {
                    Thread.onSpinWait();
                }
                return (System.nanoTime() - t0) / 1e6;
            }
        }
    }

    // --- (2) bare TLS ------------------------------------------------------------------------

    /**
     * A bare TLS stream of {@code content}; with {@code store} the receiver also does what any
     * correct file transfer must: write the bytes to a file, hash them, fsync at the end.
     */
    private record BareRun(double seconds, double cpuMillis) {}

    private BareRun bareTls(byte[] content, boolean store) throws Exception {
        Path target = dir.resolve("bare.bin");
        try (Tcp tcp = Tcp.open()) {
            Future<Void> server = threads.submit(() -> {
                SecureSession s = SessionServer.accept(
                        tcp.server.getInputStream(), tcp.server.getOutputStream(), GATEWAY, PeerPolicy.ADMIT_ALL);
                InputStream in = s.in();
                byte[] buf = new byte[64 * 1024];
                long got = 0;
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                try (FileChannel out = store
                        ? FileChannel.open(
                                target,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE)
                        : null) {
                    while (got < content.length) {
                        int n = in.read(buf);
                        if (n < 0) {
                            throw new IOException("ended early");
                        }
                        if (out != null) {
                            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                            while (b.hasRemaining()) {
                                out.write(b);
                            }
                            sha.update(buf, 0, n);
                        }
                        got += n;
                    }
                    if (out != null) {
                        out.force(true);
                        sha.digest();
                    }
                }
                s.out().write(1);
                s.out().flush();
                return null;
            });
            SecureSession c = SessionClient.connect(
                    tcp.client.getInputStream(), tcp.client.getOutputStream(), CAMERA, GATEWAY.fingerprint());
            ThreadCpu cpu = ThreadCpu.snapshot();
            long t0 = System.nanoTime();
            OutputStream out = c.out();
            for (int off = 0; off < content.length; off += 64 * 1024) {
                out.write(content, off, 64 * 1024);
            }
            out.flush();
            if (c.in().read() != 1) {
                throw new IOException("no confirmation");
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpuMillis = cpu.millisSince("");
            server.get(5, TimeUnit.SECONDS);
            if (Boolean.getBoolean("motam.bench.threads")) {
                System.out.println("  bare" + (store ? " + store" : "") + " CPU by thread: " + cpu.byThread());
            }
            c.close();
            Files.deleteIfExists(target);
            return new BareRun(s, cpuMillis);
        }
    }

    // --- (3) a file through the link -----------------------------------------------------

    private record FileRun(
            double seconds, double enqueueSeconds, long wireBytes, double cpuMillis, double storeCpuMillis) {}

    /** CPU milliseconds of one SHA-256 over {@code content} in 64 KiB updates: the least a verifying receiver spends. */
    private static double sha256Millis(byte[] content) throws Exception {
        long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (int off = 0; off < content.length; off += 64 * 1024) {
            sha.update(content, off, 64 * 1024);
        }
        sha.digest();
        return (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0) / 1e6;
    }

    private FileRun fileThroughLink(Path source) throws Exception {
        Path round = Files.createTempDirectory(dir, "file-");
        AtomicLong wire = new AtomicLong();
        try (Tcp tcp = Tcp.open();
                Gateway gw = gateway(round.resolve("gateway"));
                Camera cam = camera(round.resolve("camera"))) {
            gw.serve(tcp.serverTransport(null));
            cam.start(tcp.clientTransport(wire));
            while (!cam.uplink.connected()) {
                Thread.onSpinWait();
            }
            long e0 = System.nanoTime();
            long before = wire.get();
            cam.files.enqueue(FileKind.MODEL, source);
            ThreadCpu cpu = ThreadCpu.snapshot();
            long t0 = System.nanoTime();
            while (cam.files.count() > 0) {
                Thread.sleep(1);
            }
            long t1 = System.nanoTime();
            double cpuMillis = cpu.millisSince("");
            double storeMillis = cpu.millisSince("motam-files-");
            if (Boolean.getBoolean("motam.bench.threads")) {
                System.out.println("  MOTAM CPU by thread: " + cpu.byThread());
            }
            long bytes = wire.get() - before;
            if (!Files.exists(gw.store.file("cam-bench", "bench.bin"))) {
                throw new IOException("the file did not arrive");
            }
            return new FileRun((t1 - t0) / 1e9, (t0 - e0) / 1e9, bytes, cpuMillis, storeMillis);
        } finally {
            deleteTree(round);
        }
    }

    // --- (4) events ------------------------------------------------------------------------

    private record EventRun(double seconds, double addRate) {}

    private EventRun events() throws Exception {
        Path round = Files.createTempDirectory(dir, "events-");
        try (Tcp tcp = Tcp.open();
                Gateway gw = gateway(round.resolve("gateway"));
                Camera cam = camera(round.resolve("camera"))) {
            gw.serve(tcp.serverTransport(null));
            cam.start(tcp.clientTransport(null));
            while (!cam.uplink.connected()) {
                Thread.onSpinWait();
            }
            long t0 = System.nanoTime();
            for (int i = 1; i <= EVENTS; i++) {
                cam.outbox.add(Events.numbered(i));
            }
            long added = System.nanoTime();
            while (cam.outbox.lastAcked() < EVENTS) {
                Thread.sleep(1);
            }
            long t1 = System.nanoTime();
            if (gw.journal.count != EVENTS) {
                throw new IOException("journal holds " + gw.journal.count);
            }
            return new EventRun((t1 - t0) / 1e9, EVENTS / ((added - t0) / 1e9));
        } finally {
            deleteTree(round);
        }
    }

    private Gateway gateway(Path root) throws IOException {
        return new Gateway(root, GATEWAY, CAMERA, DIRECT_IO, timers, threads);
    }

    private Camera camera(Path root) throws IOException {
        return new Camera(root, CAMERA, GATEWAY, timers);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            List<Path> all = walk.sorted(Collections.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A journal like the gateway's: one line per event, fsync'd before {@link #deliver} returns. */
    static final class FileJournal implements EventSink, AutoCloseable {
        private final LineFile<String> lines;
        private long last;
        volatile int count;

        FileJournal(Path file) throws IOException {
            lines = LineFile.open(file, false, 1024, (b, from, length) -> Optional.of(""), line -> {});
        }

        @Override
        public synchronized long lastSequence(String cameraId) {
            return last;
        }

        @Override
        public synchronized void deliver(String cameraId, long sequence, Event event) throws IOException {
            String line = "{\"camera\":\"" + cameraId + "\",\"seq\":" + sequence + ",\"id\":\"" + event.id()
                    + "\",\"at\":\"" + event.at() + "\"}";
            lines.append(line.getBytes(StandardCharsets.UTF_8));
            last = sequence;
            count++;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    /** The gateway's side: uplink receivers over a folder store and a {@link FileJournal}, admitting {@code camera}. */
    static final class Gateway implements AutoCloseable {
        final FolderFiles store;
        final FileJournal journal;
        final KnownKeysGate gate = new KnownKeysGate(1);
        private final List<GatewayConnection> receivers = new ArrayList<>();
        private final Identity identity;
        private final boolean directIo;
        private final ScheduledExecutorService timers;
        private final ExecutorService threads;

        Gateway(
                Path root,
                Identity identity,
                Identity camera,
                boolean directIo,
                ScheduledExecutorService timers,
                ExecutorService threads)
                throws IOException {
            this.identity = identity;
            this.directIo = directIo;
            this.timers = timers;
            this.threads = threads;
            store = new FolderFiles(root.resolve("files"));
            journal = new FileJournal(root.resolve("journal.jsonl"));
            gate.admit(camera.fingerprint(), "cam-bench");
        }

        void serve(Link t) {
            GatewayConnection r = new GatewayConnection(
                    t,
                    identity,
                    gate,
                    journal,
                    store,
                    UplinkSettings.DEFAULT,
                    new FileReceiver.Limits(256L << 20, 1L << 20, directIo),
                    timers);
            receivers.add(r);
            threads.submit(r::run);
        }

        @Override
        public void close() throws IOException {
            for (GatewayConnection r : receivers) {
                r.close(io.motam.protocol.message.Close.Reason.SHUTDOWN);
                r.awaitClosed(Duration.ofSeconds(5));
            }
            journal.close();
        }
    }

    /** The camera's side: an outbox, a file queue and an uplink that dials {@code gateway} once. */
    static final class Camera implements AutoCloseable {
        final Outbox outbox;
        final FileOutbox files;
        Uplink uplink;
        private final Identity identity;
        private final Identity gateway;
        private final ScheduledExecutorService timers;

        Camera(Path root, Identity identity, Identity gateway, ScheduledExecutorService timers) throws IOException {
            this.identity = identity;
            this.gateway = gateway;
            this.timers = timers;
            outbox = Outbox.open(root.resolve("outbox"), 100_000);
            files = FileOutbox.open(root.resolve("outbox").resolve("files"), FileOutbox.Limits.DEFAULT);
        }

        void start(Link transport) {
            AtomicLong dials = new AtomicLong();
            uplink = new Uplink(
                    "cam-bench",
                    identity,
                    outbox,
                    files,
                    new Uplink.Target() {
                        @Override
                        public Optional<Uplink.Destination> next() {
                            return dials.get() == 0
                                    ? Optional.of(Uplink.Destination.pinned("tcp:bench", gateway.fingerprint()))
                                    : Optional.empty();
                        }

                        @Override
                        public void paired(io.motam.protocol.pairing.PairingOffer offer) {}
                    },
                    endpoint -> {
                        dials.incrementAndGet();
                        return transport;
                    },
                    new Uplink.Handler() {
                        @Override
                        public void welcomed(io.motam.protocol.message.Welcome welcome) {}

                        @Override
                        public void command(Command command) {}
                    },
                    UplinkSettings.DEFAULT,
                    Uplink.Backoff.DEFAULT,
                    timers);
            uplink.start();
        }

        @Override
        public void close() throws IOException {
            if (uplink != null) {
                uplink.close();
            }
            outbox.close();
        }
    }

    /** A loopback TCP connection, both ends with TCP_NODELAY. */
    static final class Tcp implements AutoCloseable {
        final Socket server;
        final Socket client;

        private Tcp(Socket server, Socket client) {
            this.server = server;
            this.client = client;
        }

        static Tcp open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Socket c = new Socket();
                c.setTcpNoDelay(true);
                c.connect(listener.getLocalSocketAddress(), 2000);
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                return new Tcp(s, c);
            }
        }

        Link serverTransport(AtomicLong wire) throws IOException {
            return transport(server, wire);
        }

        Link clientTransport(AtomicLong wire) throws IOException {
            return transport(client, wire);
        }

        /** The socket's streams, counting every byte both ways into {@code wire} if given. */
        private static Link transport(Socket s, AtomicLong wire) throws IOException {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (wire != null) {
                in = new FilterInputStream(in) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            wire.incrementAndGet();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            wire.addAndGet(n);
                        }
                        return n;
                    }
                };
                out = new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        wire.addAndGet(len);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        wire.incrementAndGet();
                    }
                };
            }
            return Link.of(in, out, "tcp:loopback", () -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            });
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }
}
