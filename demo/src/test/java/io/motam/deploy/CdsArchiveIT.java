package io.motam.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.demo.StartupBench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/cds-archive.sh} on the packaged gateway with the unit's own JAVA_OPTS, as
 * {@code install-pi.sh} runs it: it writes an archive, and a JVM started with that archive and
 * {@code -Xshare:on} (which refuses to start when the archive cannot be mapped) loads the
 * gateway's own classes from it.
 */
class CdsArchiveIT {
    private static final Path REPO =
            Path.of(System.getProperty("motam.repo.dir", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void gatewayArchive_madeWithTheUnitsFlags_isMappedAndServesTheAppsClasses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = REPO.resolve("gateway-app/target/quarkus-app/quarkus-run.jar");
        List<String> unitOpts = new ArrayList<>(
                Arrays.asList(StartupBench.unitJavaOpts(REPO, "gateway").split("\\s+")));
        assertTrue(unitOpts.contains("-XX:SharedArchiveFile=/var/lib/motam/gateway/app.jsa"), unitOpts.toString());
        unitOpts.removeIf(o -> o.startsWith("-XX:SharedArchiveFile="));
        Path archive = tmp.resolve("app.jsa");

        List<String> train = new ArrayList<>(
                List.of(REPO.resolve("deploy/cds-archive.sh").toString(), archive.toString(), jar.toString()));
        train.addAll(unitOpts);
        train.addAll(List.of(
                "-Dmotam.link.transport=tcp",
                "-Dquarkus.http.port=0",
                "-Dmotam.link.tcp.port=0",
                "-Dmotam.mqtt.host=127.0.0.1",
                "-Dmotam.mqtt.port=1",
                "-Dmotam.gateway.release.code-hash=" + io.motam.demo.Launch.releaseCodeHash(REPO, "cds-test-code")));
        ProcessBuilder pb = new ProcessBuilder(train).redirectErrorStream(true);
        pb.environment().put("JAVA", java);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(
                Files.size(archive) > 1_000_000,
                "expected an archive of more than 1 MB but was " + Files.size(archive));

        // -Xshare:on: no archive, no start; the hash command loads the gateway's CLI classes
        List<String> use = new ArrayList<>(
                List.of(java, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info"));
        use.addAll(unitOpts);
        use.addAll(List.of("-jar", jar.toString(), "hash-release-code"));
        Process check = new ProcessBuilder(use).redirectErrorStream(true).start();
        try (var in = check.getOutputStream()) {
            in.write("cds-test-code\n".getBytes(StandardCharsets.UTF_8));
        }
        String log = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, check.exitValue(), log.lines().limit(20).toList().toString());
        assertTrue(log.contains("motam.gateway.release.code-hash="), "expected the hash line");
        assertTrue(
                log.lines()
                        .anyMatch(l -> l.contains("io.motam.gateway.cli.GatewayMain")
                                && l.contains("shared objects file (top)")),
                "expected GatewayMain from the app archive (top layer)");
    }
}
