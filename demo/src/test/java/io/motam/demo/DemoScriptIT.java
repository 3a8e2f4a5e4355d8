package io.motam.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.testing.Mosquitto;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/demo.sh} as a user runs it after {@code mvn -B verify} (no {@code mvn install}),
 * against a real mosquitto that requires a password, given to the demo the way the gateway takes
 * it: {@code MOTAM_MQTT_HOST}, {@code _PORT}, {@code _USERNAME}, {@code _PASSWORD}.
 */
class DemoScriptIT {
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private Process demo;

    @AfterEach
    void stopDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroy(); // SIGTERM: the demo's shutdown hook stops camera and gateway
            if (!demo.waitFor(40, TimeUnit.SECONDS)) {
                demo.descendants().forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Below target/ (not the 0700 temporary folder): mosquitto, started as root, reads its password file as user mosquitto. */
    private static Path brokerDir() {
        return Path.of("target", "mosquitto-demo-" + System.nanoTime()).toAbsolutePath();
    }

    private Process startDemo(Mosquitto broker, String user, String password) throws IOException {
        Path repo = Path.of(System.getProperty("motam.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("scripts/demo.sh").toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("MOTAM_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MOTAM_MQTT_HOST", "127.0.0.1");
        env.put("MOTAM_MQTT_PORT", Integer.toString(broker.port()));
        env.put("MOTAM_MQTT_USERNAME", user);
        env.put("MOTAM_MQTT_PASSWORD", password);
        env.put("MOTAM_GATEWAY_ID", "gw-demo-it");
        env.put("MOTAM_DEMO_SPEED", "0");
        Process p = pb.start();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            output.add(line);
                        }
                    } catch (IOException ignored) {
                        // the demo ended
                    }
                },
                "demo-output");
        pump.setDaemon(true);
        pump.start();
        return p;
    }

    @Test
    void demo_brokerRefusesThePassword_saysSoInOneLineAndExitsNonZero() throws Exception {
        Mosquitto broker =
                new Mosquitto(brokerDir()).user("demo", "right-secret").start();
        try {
            demo = startDemo(broker, "demo", "wrong-secret");
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo did not exit: " + output);
            assertNotEquals(0, demo.exitValue(), output.toString());
            await().atMost(Duration.ofSeconds(5)).until(() -> output.stream().anyMatch(l -> l.startsWith("demo: ")));
            List<String> errors =
                    output.stream().filter(l -> l.startsWith("demo: ")).toList();
            assertEquals(1, errors.size(), output.toString());
            assertTrue(
                    errors.get(0).contains("did not accept")
                            && (errors.get(0).contains("bad user name or password")
                                    || errors.get(0).contains("not authorised")),
                    errors.get(0));
            assertFalse(
                    output.stream()
                            .anyMatch(l ->
                                    l.contains("MessageCatalog") || l.startsWith("\tat ") || l.contains("Exception")),
                    "expected one line, no stack trace, but was " + output);
            assertFalse(
                    output.stream().anyMatch(l -> l.contains("right-secret") || l.contains("wrong-secret")),
                    output.toString());
        } finally {
            broker.close();
        }
    }

    @Test
    void demo_withTheBrokersPassword_watcherPrintsTheGatewaysTopics() throws Exception {
        Mosquitto broker =
                new Mosquitto(brokerDir()).user("demo", "right-secret").start();
        try {
            demo = startDemo(broker, "demo", "right-secret");
            await("the watcher prints availability online")
                    .atMost(Duration.ofSeconds(180))
                    .until(() -> !demo.isAlive() || output.stream().anyMatch(l -> l.endsWith("availability  online")));
            assertTrue(demo.isAlive(), "the demo ended: " + output);
            await("the watcher prints the retained state")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> output.stream().anyMatch(l -> l.contains("  state  {")));
        } finally {
            stopDemo();
            broker.close();
        }
    }
}
