package io.motam.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.testing.Chromium;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.gateway.testing.Http;
import io.motam.gateway.testing.QrText;
import io.motam.testing.Required;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The status page driven by Playwright in Debian's real headless Chromium
 * ({@code src/test/browser/status-page.mjs}): while an offer is open the page shows the pairing
 * QR, the operator clicks the page's own Stop button, and the page then shows STOPPED.
 * Playwright ({@code playwright-core}, pinned in {@code src/test/browser/package-lock.json}) is
 * installed with {@code npm ci} into {@code target/browser}, never into the sources; it drives
 * the {@code chromium} found on {@code PATH} and downloads no browser of its own.
 */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class StatusPagePlaywrightTest {
    private static final Path SOURCES = Path.of("src", "test", "browser").toAbsolutePath();
    private static final Path WORK = Path.of("target", "browser").toAbsolutePath();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "status-page.mjs");
    private static boolean installed;

    @Inject
    PairingDesk desk;

    @Inject
    ObjectMapper mapper;

    @Test
    void playwrightSeesTheQrWhilePairing_clicksStop_andThePageShowsStopped() throws Exception {
        Path npm = Required.command("npm", "npm");
        Path node = Required.command("node", "nodejs");
        Chromium.require();
        installPlaywright(npm);

        try {
            if (system().equals("STOPPED")) {
                assertEquals(
                        200,
                        Http.post("/api/resume", "{\"id\":\"playwright-setup\"}")
                                .statusCode());
            }
            assertEquals("RUNNING", system(), "the page test starts from a running system");
            HttpResponse<String> pair = Http.post("/api/pair", null);
            assertEquals(200, pair.statusCode(), pair.body());
            String offer = mapper.readTree(pair.body()).path("offer").asText();
            assertTrue(offer.startsWith("MOTAM1:"), pair.body());

            Path shot = WORK.resolve("status-page-stopped.png");
            Files.deleteIfExists(shot);
            Run run = run(
                    List.of(
                            node.toString(),
                            WORK.resolve("status-page.mjs").toString(),
                            Http.base() + "/",
                            shot.toString()),
                    "status-page",
                    150);
            assertEquals(0, run.exit(), "status-page.mjs failed:\n" + run.output());
            assertTrue(
                    Files.isRegularFile(shot) && Files.size(shot) > 1000,
                    "no screenshot at " + shot + "\n" + run.output());
            assertEquals("STOPPED", system(), "the click on the page's Stop stopped the system");
            Path qrShot = WORK.resolve("status-page-stopped-pairing.png");
            assertEquals(
                    Optional.of(offer),
                    QrText.read(ImageIO.read(qrShot.toFile())),
                    "the QR code Chromium drew for the signed-in operator is the open offer");
        } finally {
            // leave the shared gateway as the other tests expect it: running, no offer open
            if (system().equals("STOPPED")) {
                assertEquals(
                        200,
                        Http.post("/api/resume", "{\"id\":\"playwright-cleanup\"}")
                                .statusCode());
            }
            desk.withdraw();
        }
        assertEquals("RUNNING", system());
    }

    private String system() throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get("/api/status");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = mapper.readTree(r.body());
        return n.path("system").asText();
    }

    /** {@code npm ci} from the committed lock file, once per test JVM, into target/browser. */
    private static synchronized void installPlaywright(Path npm) throws IOException, InterruptedException {
        if (installed) {
            return;
        }
        Files.createDirectories(WORK);
        for (String f : FILES) {
            Files.copy(SOURCES.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Run ci = run(
                List.of(
                        npm.toString(),
                        "ci",
                        "--prefix",
                        WORK.toString(),
                        "--no-audit",
                        "--no-fund",
                        "--ignore-scripts"),
                "npm-ci",
                300);
        assertEquals(0, ci.exit(), "npm ci failed:\n" + ci.output());
        assertTrue(
                Files.isRegularFile(WORK.resolve("node_modules/playwright-core/package.json")),
                "npm ci installed no playwright-core:\n" + ci.output());
        installed = true;
    }

    private record Run(int exit, String output) {}

    private static Run run(List<String> cmd, String name, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = WORK.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        pb.environment().put("MOTAM_TOKEN", Http.token());
        pb.environment().put("MOTAM_CHROMIUM", Chromium.require().toString()); // the one found on PATH
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s:\n" + read(log));
        }
        return new Run(p.exitValue(), read(log));
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
