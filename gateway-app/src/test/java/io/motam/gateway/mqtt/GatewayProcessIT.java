package io.motam.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.testing.Mosquitto;
import io.motam.testing.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) as a child process against
 * a real mosquitto with passwords: a hard kill leaves the broker's last will
 * {@code availability = offline} (retained), a clean stop publishes {@code offline} itself, and
 * every start says {@code online} again.
 */
class GatewayProcessIT {
    private static final String GW = "gw-it";
    private static final String BASE = "motam/" + GW + "/";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static Mosquitto broker;
    private static Path work;

    @BeforeAll
    static void broker() throws Exception {
        work = Path.of("target", "it", "gateway-process-" + System.nanoTime()).toAbsolutePath();
        broker = new Mosquitto(work.resolve("broker"))
                .user(GW, "gw-pass")
                .user("observer", "observer-pass")
                .start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }

    private Process startGateway() throws IOException {
        return startGateway(true);
    }

    private Process startGateway(boolean withCode) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        Required.that(Files.isRegularFile(jar), jar + " (built in the package phase: mvn verify)", null);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dmotam.gateway.id=" + GW,
                "-Dmotam.data-dir=" + work.resolve("gateway-data"),
                "-Dmotam.link.transport=tcp",
                "-Dmotam.link.tcp.port=0",
                "-Dquarkus.http.port=0",
                "-Dmotam.gateway.release.code-hash="
                        + (withCode ? io.motam.gateway.testing.GatewayTestResource.releaseCodeHash() : ""),
                "-Dmotam.mqtt.host=127.0.0.1",
                "-Dmotam.mqtt.port=" + broker.port(),
                "-Dmotam.mqtt.username=" + GW,
                "-Dmotam.mqtt.password=gw-pass",
                "-Dmotam.mqtt.keep-alive=2s",
                "-jar",
                jar.toString()));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("gateway.log").toFile()))
                .start();
    }

    private static Optional<String> availability(MqttProbe p) {
        return p.lastText(BASE + "availability");
    }

    @Test
    void packagedGateway_withoutAReleaseCode_refusesToStart_andSaysHowToMakeOne() throws Exception {
        Process gw = startGateway(false);
        assertTrue(gw.waitFor(60, TimeUnit.SECONDS), "the gateway kept running without a release code");
        assertTrue(gw.exitValue() != 0, "exit status " + gw.exitValue());
        String log = Files.readString(work.resolve("gateway.log"));
        assertTrue(log.contains("no release code configured") && log.contains("hash-release-code"), log);
    }

    @Test
    void hardKill_leavesRetainedOfflineByLastWill_cleanStopPublishesOffline() throws Exception {
        try (MqttProbe p = new MqttProbe(
                broker.port(), "observer", "observer-pass", "it-observer", false, BASE + "availability")) {
            Process gw = startGateway();
            try {
                await().atMost(PATIENCE).until(() -> availability(p).orElse("").equals("online"));
                gw.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: no shutdown hook, no DISCONNECT
                await().atMost(PATIENCE).until(() -> availability(p).orElse("").equals("offline"));
            } finally {
                gw.destroyForcibly();
            }
            try (MqttProbe late = new MqttProbe(
                    broker.port(), "observer", "observer-pass", "it-late", false, BASE + "availability")) {
                await().atMost(PATIENCE)
                        .until(() -> late.last(BASE + "availability").isPresent());
                assertTrue(late.last(BASE + "availability").get().retained());
                assertTrue(late.lastText(BASE + "availability").get().equals("offline"));
            }

            Process again = startGateway();
            try {
                await().atMost(PATIENCE).until(() -> availability(p).orElse("").equals("online"));
                again.destroy(); // SIGTERM: Quarkus shuts down, the bridge publishes offline, then DISCONNECT
                assertTrue(again.waitFor(30, TimeUnit.SECONDS));
                await().atMost(PATIENCE).until(() -> availability(p).orElse("").equals("offline"));
            } finally {
                again.destroyForcibly();
            }
            assertTrue(
                    Files.readString(work.resolve("gateway.log")).contains("MQTT bridge stopped"),
                    "the clean stop went through the bridge's shutdown");
        }
    }
}
