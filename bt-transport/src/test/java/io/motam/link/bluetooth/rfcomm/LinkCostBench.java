package io.motam.link.bluetooth.rfcomm;

import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.session.CipherPreference;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.PeerPolicy;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionClient;
import io.motam.protocol.session.SessionServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * CPU cost of the Bluetooth link layer per MiB, without a radio: two RFCOMM links made the
 * way BlueZ's descriptors are made into links ({@link RfcommSocket#adopt}), over a Unix socket pair,
 * (a) bare and (b) with the MOTAM session on top (TLS 1.3, 64 KiB frames, one flush per frame),
 * once with TLS_AES_128_GCM_SHA256 and once with TLS_CHACHA20_POLY1305_SHA256 (16 KiB records).
 * The sending thread plays the camera, the receiving thread the gateway; each one's CPU time
 * ({@link ThreadMXBean}) is what one Pi would spend. Reported per MiB, median of the rounds after
 * warm-up, and as the share of one core that a link saturating RFCOMM (~2 Mbit/s) needs.
 *
 * <pre>
 *  mvn -q -pl bt-transport test-compile exec:java -Dexec.classpathScope=test \
 *      -Dexec.mainClass=io.motam.link.bluetooth.rfcomm.LinkCostBench [-Dexec.args="256 5"]
 * </pre>
 *
 * Arguments: MiB per round (default 256), measured rounds (default 5; two warm-up rounds come
 * first), and which parts to run (default {@code bare,aes-gcm,chacha20,cipher}, comma-separated).
 * {@code cipher} is the floor under the ChaCha20 line: the JDK's {@code ChaCha20-Poly1305} alone
 * on one thread, sealing and then opening 16 KiB records (a fresh nonce and {@code init} per
 * record, as TLS does), no link, no TLS framing. The bulk frames are opaque sequenced frames (no file-chunk message exists yet).
 *
 * <p>The Raspberry Pi 3 (BCM2837) and 4 (BCM2711) have no ARMv8 crypto extensions, so their JVM
 * runs AES-GCM without intrinsics; to measure that here, run with
 * {@code MAVEN_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:-UseAES -XX:-UseAESIntrinsics
 * -XX:-UseAESCTRIntrinsics -XX:-UseGHASHIntrinsics"} (and {@code taskset -c 0} for one core).
 */
public final class LinkCostBench {

    private static final int MIB = 1 << 20;
    private static final int CHUNK = 64 * 1024;
    private static final int WARMUP_ROUNDS = 2;
    /** RFCOMM's practical ceiling on a Pi 3's BCM43438, in bytes per second (~2 Mbit/s). */
    private static final double RFCOMM_BYTES_PER_SECOND = 2_000_000 / 8.0;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** One thread for each side of a round. */
    private static final java.util.concurrent.ExecutorService SIDES =
            java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "link-cost-side");
                t.setDaemon(true);
                return t;
            });
    /** Session and link log lines per round would only clutter the report. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.motam");

    private static final BluetoothAddress PEER = BluetoothAddress.parse("00:00:00:00:00:01");
    /** The suite each preference gives when both ends hold it. */
    private static final java.util.Map<CipherPreference, String> SUITES = java.util.Map.of(
            CipherPreference.AES_GCM, "TLS_AES_128_GCM_SHA256",
            CipherPreference.CHACHA20, "TLS_CHACHA20_POLY1305_SHA256");

    /** One round's costs, nanoseconds. */
    record Round(long senderCpu, long receiverCpu, long processCpu, long wall) {}

    /** One end's work; returns the CPU time of its bulk transfer (handshake excluded), ns. */
    @FunctionalInterface
    interface Side {
        long run(Link link, long bytes) throws Exception;
    }

    private LinkCostBench() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> parts = List.of((args.length > 2 ? args[2] : "bare,aes-gcm,chacha20,cipher").split(","));
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        QUIET.setLevel(java.util.logging.Level.WARNING);
        System.out.printf(
                Locale.ROOT,
                "Link cost bench: %d MiB per round, %d rounds after %d warm-up, %s %s on %d cpus,"
                        + " UseAES=%s UseAESIntrinsics=%s UseGHASHIntrinsics=%s%n",
                mib,
                rounds,
                WARMUP_ROUNDS,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                vmOption("UseAES"),
                vmOption("UseAESIntrinsics"),
                vmOption("UseGHASHIntrinsics"));

        Identity gateway = Identity.generate("gateway");
        Identity camera = Identity.generate("camera");
        if (parts.contains("bare")) {
            report(
                    "bare RFCOMM link (socket pair)",
                    mib,
                    measure(mib, rounds, LinkCostBench::sendBare, LinkCostBench::receiveBare));
        }
        for (CipherPreference suite : new CipherPreference[] {CipherPreference.AES_GCM, CipherPreference.CHACHA20}) {
            if (!parts.contains(suite == CipherPreference.AES_GCM ? "aes-gcm" : "chacha20")) {
                continue;
            }
            report(
                    "link + TLS 1.3 (" + SUITES.get(suite) + ") + 64 KiB frames",
                    mib,
                    measure(
                            mib,
                            rounds,
                            (link, bytes) -> sendSession(link, bytes, camera, gateway, suite),
                            (link, bytes) -> receiveSession(link, bytes, gateway, suite)));
        }
        if (parts.contains("cipher")) {
            reportCipher(mib, rounds);
        }
    }

    /** The JDK cipher alone: CPU per MiB to seal, and to open, 16 KiB records; medians of the rounds. */
    private static void reportCipher(int mib, int rounds) throws Exception {
        int record = 1 << 14;
        int tag = 16;
        SecretKey key = new SecretKeySpec(new byte[32], "ChaCha20");
        Cipher seal = Cipher.getInstance("ChaCha20-Poly1305");
        Cipher open = Cipher.getInstance("ChaCha20-Poly1305");
        byte[] aad = new byte[5]; // the record header, as TLS 1.3 authenticates it
        byte[] buf = new byte[record + tag];
        int records = mib * (MIB / record);
        long counter = 0;
        long[] sealCpu = new long[rounds];
        long[] openCpu = new long[rounds];
        for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
            long sealNs = 0;
            long openNs = 0;
            for (int i = 0; i < records; i++) {
                byte[] nonce = ByteBuffer.allocate(12).putLong(4, ++counter).array();
                IvParameterSpec iv = new IvParameterSpec(nonce);
                long t0 = cpu();
                seal.init(Cipher.ENCRYPT_MODE, key, iv);
                seal.updateAAD(aad);
                int sealed = seal.doFinal(buf, 0, record, buf, 0);
                long t1 = cpu();
                open.init(Cipher.DECRYPT_MODE, key, iv);
                open.updateAAD(aad);
                open.doFinal(buf, 0, sealed, buf, 0);
                long t2 = cpu();
                sealNs += t1 - t0;
                openNs += t2 - t1;
            }
            if (r >= 0) {
                sealCpu[r] = sealNs;
                openCpu[r] = openNs;
            }
        }
        double sealMs = median(sealCpu) / 1e6 / mib;
        double openMs = median(openCpu) / 1e6 / mib;
        System.out.printf(Locale.ROOT, "%nJDK ChaCha20-Poly1305 alone (16 KiB records, init per record, one thread)%n");
        System.out.printf(
                Locale.ROOT,
                "  CPU per MiB: seal %.2f ms, open %.2f ms, both %.2f ms (median of %d rounds)%n",
                sealMs,
                openMs,
                sealMs + openMs,
                rounds);
    }

    private static List<Round> measure(int mib, int rounds, Side sender, Side receiver) throws Exception {
        List<Round> measured = new ArrayList<>();
        for (int i = 0; i < WARMUP_ROUNDS + rounds; i++) {
            Round r = round((long) mib * MIB, sender, receiver);
            if (i >= WARMUP_ROUNDS) {
                measured.add(r);
            }
        }
        return measured;
    }

    private static Round round(long bytes, Side sender, Side receiver) throws Exception {
        AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
        try (Link a = adopt(pair.getSocket1());
                Link b = adopt(pair.getSocket2())) {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            long process0 = processCpu(os);
            long wall0 = System.nanoTime();
            // a thread per side: the common pool may have a single worker (it does on Java 25 with
            // two cpus or fewer), and the receiver would then hold it while the sender waits in its queue
            CompletableFuture<Long> rx = CompletableFuture.supplyAsync(() -> timed(receiver, b, bytes), SIDES);
            CompletableFuture<Long> tx = CompletableFuture.supplyAsync(() -> timed(sender, a, bytes), SIDES);
            long txCpu = tx.get(10, TimeUnit.MINUTES);
            long rxCpu = rx.get(10, TimeUnit.MINUTES);
            return new Round(txCpu, rxCpu, processCpu(os) - process0, System.nanoTime() - wall0);
        } finally {
            pair.getSocket1().close();
            pair.getSocket2().close();
        }
    }

    private static Link adopt(AFUNIXSocketChannel end) throws IOException {
        return RfcommSocket.adopt(
                FileDescriptorCast.using(end.getFileDescriptor()).as(Integer.class), PEER, l -> {});
    }

    private static long timed(Side side, Link link, long bytes) {
        try {
            return side.run(link, bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** A HotSpot flag's value; the Pi 3 and 4 have no AES instructions, so the bench can run without them. */
    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(name)
                    .getValue();
        } catch (IllegalArgumentException e) {
            return "default"; // a diagnostic flag, readable only with -XX:+UnlockDiagnosticVMOptions
        }
    }

    private static long processCpu(OperatingSystemMXBean os) {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static long sendBare(Link link, long bytes) throws IOException {
        long cpu0 = cpu();
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 0x5a);
        OutputStream out = link.output();
        for (long sent = 0; sent < bytes; sent += CHUNK) {
            out.write(chunk);
        }
        out.flush();
        return cpu() - cpu0;
    }

    private static long receiveBare(Link link, long bytes) throws IOException {
        long cpu0 = cpu();
        byte[] buf = new byte[CHUNK];
        InputStream in = link.input();
        long got = 0;
        while (got < bytes) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("link ended after " + got + " of " + bytes + " bytes");
            }
            got += n;
        }
        return cpu() - cpu0;
    }

    /** The camera: handshake (not counted), then frames, then waits for the gateway's "all read". */
    private static long sendSession(Link link, long bytes, Identity camera, Identity gateway, CipherPreference suite)
            throws IOException {
        SecureSession session =
                SessionClient.connect(link.input(), link.output(), camera, gateway.fingerprint(), suite);
        if (!session.cipherSuite().equals(SUITES.get(suite))) {
            throw new IllegalStateException("expected " + SUITES.get(suite) + " but was " + session.cipherSuite());
        }
        long cpu0 = cpu();
        FrameWriter out = new FrameWriter(session.out(), FrameFormat.DEFAULT_MAX_PAYLOAD);
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 0x5a);
        long sequence = 1;
        for (long sent = 0; sent < bytes; sent += CHUNK) {
            out.write(new Frame(FrameType.EVENT, sequence++, chunk));
        }
        if (session.in().read() != 1) {
            throw new IOException("no confirmation from the receiver");
        }
        long spent = cpu() - cpu0;
        closeQuietly(session);
        return spent;
    }

    /** The gateway: handshake (not counted), frames until all arrived, "all read", then waits for the camera to close. */
    private static long receiveSession(Link link, long bytes, Identity gateway, CipherPreference suite)
            throws IOException {
        SecureSession session = SessionServer.accept(link.input(), link.output(), gateway, PeerPolicy.ADMIT_ALL, suite);
        long cpu0 = cpu();
        FrameReader in = new FrameReader(session.in(), FrameFormat.DEFAULT_MAX_PAYLOAD);
        long got = 0;
        while (got < bytes) {
            got += in.readRequired().payloadLength();
        }
        session.out().write(1);
        session.out().flush();
        long spent = cpu() - cpu0;
        try {
            in.read(); // the camera's close; answering it may meet a socket already shut down
        } catch (IOException endedByPeer) {
            // the session is over either way
        }
        closeQuietly(session);
        return spent;
    }

    private static void closeQuietly(SecureSession session) {
        try {
            session.close();
        } catch (IOException e) {
            // the peer hung up first (RFCOMM, like this socket pair here, has no half-close)
        }
    }

    private static void report(String what, int mib, List<Round> rounds) {
        double tx = median(rounds.stream().mapToLong(Round::senderCpu).toArray());
        double rx = median(rounds.stream().mapToLong(Round::receiverCpu).toArray());
        double proc = median(rounds.stream().mapToLong(Round::processCpu).toArray());
        double wall = median(rounds.stream().mapToLong(Round::wall).toArray());
        double txMs = tx / 1e6 / mib;
        double rxMs = rx / 1e6 / mib;
        double procMs = proc / 1e6 / mib;
        double throughput = mib / (wall / 1e9);
        double rfcommMibPerSecond = RFCOMM_BYTES_PER_SECOND / MIB;
        System.out.printf(Locale.ROOT, "%n%s%n", what);
        System.out.printf(
                Locale.ROOT,
                "  CPU per MiB: sender %.2f ms, receiver %.2f ms, whole process %.2f ms;"
                        + " throughput %.0f MiB/s (median of %d rounds)%n",
                txMs,
                rxMs,
                procMs,
                throughput,
                rounds.size());
        double worst = Math.max(txMs, rxMs);
        for (int factor : new int[] {10, 30}) {
            System.out.printf(
                    Locale.ROOT,
                    "  at RFCOMM's ~2 Mbit/s (%.3f MiB/s), on a core %dx slower than this one: %.1f%% of a core%n",
                    rfcommMibPerSecond,
                    factor,
                    worst * factor * rfcommMibPerSecond / 10.0);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
