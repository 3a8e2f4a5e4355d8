package io.motam.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped units in {@code deploy/systemd/}: {@code systemd-analyze verify} has nothing to say
 * about them (it reports, for example, an unquoted {@code Environment=} value it cuts short), and
 * they carry the hardening and the JVM flags docs/gateway.md describes. {@code .ci/run} installs
 * systemd; with {@code CI=true} a missing {@code systemd-analyze} is a failure.
 */
class SystemdUnitsTest {
    private static final Path REPO =
            Path.of(System.getProperty("motam.repo.dir", "..")).toAbsolutePath().normalize();
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @ParameterizedTest
    @ValueSource(strings = {"motam-gateway.service", "motam-camera.service"})
    void unit_systemdAnalyzeVerify_reportsNothing(String unit) throws Exception {
        if (!Files.isExecutable(ANALYZE)) {
            assertTrue(!"true".equals(System.getenv("CI")), "systemd-analyze is missing (.ci/run installs systemd)");
            Assumptions.abort("systemd-analyze is not installed");
        }
        Process p = new ProcessBuilder(
                        ANALYZE.toString(),
                        "verify",
                        REPO.resolve("deploy/systemd").resolve(unit).toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", out, "systemd-analyze verify " + unit);
        assertEquals(0, p.exitValue(), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"motam-gateway.service", "motam-camera.service"})
    void unit_hardeningAndQuotedJavaOpts_present(String unit) throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve("deploy/systemd").resolve(unit));
        for (String expected : List.of(
                "CapabilityBoundingSet=",
                "NoNewPrivileges=true",
                "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/motam",
                "ProtectKernelTunables=true",
                "ProtectKernelModules=true",
                "ProtectKernelLogs=true",
                "LockPersonality=true",
                "SystemCallFilter=@system-service",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK AF_BLUETOOTH")) {
            assertTrue(lines.contains(expected), unit + ": expected the line " + expected);
        }
        assertTrue(
                lines.stream().anyMatch(l -> l.matches("Environment=\"JAVA_OPTS=-Xmx\\d+m -XX:\\+UseSerialGC.*\"")),
                unit + ": expected a quoted JAVA_OPTS");
        assertTrue(
                lines.contains(unit.contains("camera") ? "DeviceAllow=char-video4linux rw" : "PrivateDevices=true"),
                unit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "camera"})
    void unit_notifyWithWatchdogAndTheArchiveInstallPiMakes(String app) throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve("deploy/systemd/motam-" + app + ".service"));
        for (String expected :
                List.of("Type=notify", "NotifyAccess=main", "Restart=on-failure", "Environment=MALLOC_ARENA_MAX=2")) {
            assertTrue(lines.contains(expected), app + ": expected the line " + expected);
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("WatchdogSec=\\d+s")), app + ": expected WatchdogSec=<n>s");
        // the archive lies where install-pi.sh writes it, inside the unit's writable state folder
        String archive = "-XX:SharedArchiveFile=/var/lib/motam/" + app + "/app.jsa";
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith("Environment=\"JAVA_OPTS=") && l.contains(archive)),
                app + ": expected " + archive + " in JAVA_OPTS");
        assertTrue(
                Files.readString(REPO.resolve("deploy/install-pi.sh")).contains("/var/lib/motam/$app/app.jsa"),
                "install-pi.sh writes the archive the unit names");
    }
}
