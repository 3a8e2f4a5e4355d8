package io.motam.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.demo.AppProcess;
import io.motam.demo.Launch;
import io.motam.testing.Required;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The packaged apps under systemd's notify protocol, with the test in systemd's place: it binds
 * an abstract Unix datagram socket, starts each app with {@code NOTIFY_SOCKET} and a 2 s
 * {@code WATCHDOG_USEC} as systemd would, and reads what arrives: {@code READY=1}, then
 * {@code WATCHDOG=1} about every second, then {@code STOPPING=1} on SIGTERM.
 */
class ServiceNotifyIT {
    private static final Path REPO =
            Path.of(System.getProperty("motam.repo.dir", "..")).toAbsolutePath().normalize();
    private static final String WATCHDOG_USEC = "2000000";

    @TempDir
    Path tmp;

    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private static List<String> receiveUntil(AFUNIXDatagramSocket socket, String last, long timeoutMillis)
            throws Exception {
        List<String> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                break;
            }
            String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            got.add(msg);
            if (msg.startsWith(last)) {
                break;
            }
        }
        return got;
    }

    private void runAndCheck(String module, Map<String, String> properties) throws Exception {
        String name = "motam-notify-it-" + UUID.randomUUID();
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(AFUNIXSocketAddress.inAbstractNamespace(name));
            AppProcess app = AppProcess.start(
                    module,
                    REPO,
                    module,
                    List.of("-Xmx256m"),
                    Map.of("NOTIFY_SOCKET", "@" + name, "WATCHDOG_USEC", WATCHDOG_USEC),
                    properties,
                    output::add);
            try {
                List<String> start = receiveUntil(systemd, "READY=1", 120_000);
                assertTrue(
                        !start.isEmpty() && start.get(start.size() - 1).startsWith("READY=1\n"),
                        "expected READY=1 but got " + start + "\n" + String.join("\n", output));
                long readyAt = System.nanoTime();
                List<String> pings = receiveUntil(systemd, "never", 3_500);
                long pingCount = pings.stream().filter("WATCHDOG=1\n"::equals).count();
                assertTrue(
                        pingCount >= 2,
                        "expected at least 2 WATCHDOG=1 within 3.5 s of READY (every 1 s) but got " + pings + "\n"
                                + String.join("\n", output));
                assertTrue(System.nanoTime() - readyAt >= 3_000_000_000L);
            } finally {
                app.close(); // SIGTERM: Quarkus shuts down and the app says STOPPING=1
            }
            List<String> end = receiveUntil(systemd, "STOPPING=1", 10_000);
            assertTrue(
                    end.stream().anyMatch(m -> m.startsWith("STOPPING=1\n")),
                    "expected STOPPING=1 but got " + end + "\n" + String.join("\n", output));
        }
    }

    @Test
    void gateway_underNotifySocketWithoutBroker_readyThenWatchdogPingsThenStopping() throws Exception {
        String code = Launch.newReleaseCode();
        // the broker's port is closed: the broker check is DOWN, which must not hold READY or the pings back
        Map<String, String> gw = Launch.gateway(
                "gw-notify",
                tmp.resolve("gateway"),
                Launch.freePort(),
                "127.0.0.1",
                Launch.freePort(),
                Launch.releaseCodeHash(REPO, code));
        runAndCheck("gateway-app", gw);
    }

    @Test
    void camera_underNotifySocketReadingAVideo_readyThenWatchdogPingsThenStopping() throws Exception {
        Path ffmpeg = Required.command("ffmpeg", "ffmpeg");
        Path video = tmp.resolve("test.mp4");
        Process p = new ProcessBuilder(
                        ffmpeg.toString(),
                        "-v",
                        "error",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc=size=320x240:rate=10:duration=3",
                        "-pix_fmt",
                        "yuv420p",
                        video.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        // real-time playback: frames for 3 s, then the ended file is a deliberate wait (still healthy)
        Map<String, String> cam =
                Launch.camera("cam-notify", tmp.resolve("camera"), tmp.resolve("gateway"), video.toString(), 1.0);
        runAndCheck("camera-app", cam);
    }
}
