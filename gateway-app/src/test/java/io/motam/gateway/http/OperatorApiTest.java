package io.motam.gateway.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.bluetooth.RadioAdapterControl;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.gateway.testing.GatewayTestResource;
import io.motam.gateway.testing.Http;
import io.motam.gateway.testing.QrText;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.session.Fingerprint;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The local HTTP API against the running gateway: pairing, commands with the release code, revoke, guards. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class OperatorApiTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    SystemStateController state;

    @Inject
    CameraRegistry registry;

    @Inject
    PairingDesk desk;

    @Inject
    RadioAdapterControl radio;

    @Inject
    AuditLog audit;

    private List<String> actions() {
        return audit.recent().stream().map(AuditEntry::action).toList();
    }

    private void toRunning() {
        SystemState s = state.status().system();
        if (s == SystemState.STOPPED) {
            state.command(
                    CommandKind.RESUME,
                    io.motam.gateway.state.CameraTarget.ALL,
                    GatewayTestResource.RELEASE_CODE.toCharArray(),
                    "local");
        } else if (s == SystemState.BLOCKED) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> state.command(
                                    CommandKind.RELEASE,
                                    io.motam.gateway.state.CameraTarget.ALL,
                                    GatewayTestResource.RELEASE_CODE.toCharArray(),
                                    "local")
                            .accepted());
        }
    }

    @Test
    void pair_opensAnOffer_itsQrIsServed_andTheAdapterIsPairable() throws Exception {
        HttpResponse<String> r = Http.post("/api/pair", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = mapper.readTree(r.body());
        PairingOffer offer = PairingOffer.decode(n.path("offer").asText());
        assertEquals(desk.current().orElseThrow(), offer);
        HttpResponse<byte[]> png = Http.getBytes("/pairing/qr.png");
        assertEquals(200, png.statusCode());
        assertEquals(
                offer.encode(),
                QrText.read(ImageIO.read(new ByteArrayInputStream(png.body()))).orElseThrow(),
                "the served QR code is the open offer");
        assertTrue(radio.recording().pairable());
        assertTrue(Http.get("/").body().contains("id=\"pairing-qr\""));
        assertTrue(actions().contains("OFFER_OPENED"));
        assertTrue(desk.withdraw());
        assertFalse(radio.recording().pairable(), "closing the offer closes the pairable window");
        assertEquals(404, Http.getBytes("/pairing/qr.png").statusCode());
    }

    @Test
    void stopAndResume_areGuarded_andReported() throws Exception {
        toRunning();
        assertEquals(200, Http.post("/api/stop", "{\"id\":\"s-1\"}").statusCode());
        assertEquals(
                "STOPPED",
                mapper.readTree(Http.get("/api/status").body()).path("system").asText());
        HttpResponse<String> again = Http.post("/api/stop", null);
        assertEquals(409, again.statusCode());
        assertEquals(
                "expected RUNNING but was STOPPED",
                mapper.readTree(again.body()).path("reason").asText());
        assertEquals(200, Http.post("/api/resume", "").statusCode());
        assertEquals(SystemState.RUNNING, state.status().system());
        assertEquals(
                400, Http.post("/api/stop", "{\"id\":\"no spaces allowed\"}").statusCode());
        assertEquals(400, Http.post("/api/stop", "[1,2]").statusCode());
    }

    @Test
    void release_needsTheCode_wrongCodesLockOut_theRightCodeWorksAfterTheLockout() throws Exception {
        toRunning();
        state.cameraMode("cam-x", CameraMode.BLOCKED, 12);
        assertEquals(SystemState.BLOCKED, state.status().system());
        assertEquals(
                "the release code is required",
                mapper.readTree(Http.post("/api/release", null).body())
                        .path("reason")
                        .asText());
        assertFalse(
                state.command(CommandKind.RELEASE, io.motam.gateway.state.CameraTarget.ALL, null, "mqtt")
                        .accepted(),
                "a release without the code is refused (MQTT path)");
        for (int i = 1; i <= GatewayTestResource.MAX_FAILURES; i++) {
            HttpResponse<String> r = Http.post("/api/release", "{\"code\":\"guess-" + i + "\"}");
            assertEquals(409, r.statusCode());
            assertTrue(mapper.readTree(r.body()).path("reason").asText().startsWith("wrong release code"), r.body());
        }
        HttpResponse<String> locked =
                Http.post("/api/release", "{\"code\":\"" + GatewayTestResource.RELEASE_CODE + "\"}");
        assertEquals(409, locked.statusCode());
        assertTrue(locked.body().contains("locked out until"), locked.body());
        assertEquals(SystemState.BLOCKED, state.status().system(), "still blocked while locked out");
        assertEquals(
                "BLOCKED",
                mapper.readTree(Http.get("/api/status").body()).path("system").asText());

        await("lockout over")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.post(
                                        "/api/release",
                                        "{\"code\":\"" + GatewayTestResource.RELEASE_CODE + "\",\"id\":\"rel-9\"}")
                                .statusCode()
                        == 200);
        assertEquals(SystemState.RUNNING, state.status().system());
        assertTrue(
                actions().containsAll(List.of("COMMAND_REFUSED", "CODE_LOCKOUT", "COMMAND_ACCEPTED")),
                actions().toString());
        String file = Files.readString(audit.path());
        assertFalse(
                file.contains(GatewayTestResource.RELEASE_CODE) || file.contains("guess-"),
                "codes never reach the audit log");
    }

    @Test
    void statusPage_listsEveryCamera_escapesWhatItShows_andAddressesOneCamera() throws Exception {
        toRunning();
        state.cameraLink("cam-page-a", true);
        state.cameraLink("cam-page-b", true);
        try {
            String page = Http.anonymous("GET", "/?msg=%3Cscript%3Ealert(1)%3C/script%3E", null)
                    .body();
            assertTrue(page.contains("id=\"camera-cam-page-a\"") && page.contains("id=\"camera-cam-page-b\""), page);
            assertTrue(
                    page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                    "the template escapes the message: " + page);
            assertFalse(page.contains("<script>"), page);

            HttpResponse<String> stopOne = Http.post("/api/stop?camera=cam-page-a", "{\"id\":\"page-one\"}");
            assertEquals(200, stopOne.statusCode(), stopOne.body());
            assertEquals(SystemState.STOPPED, state.cameraState("cam-page-a"));
            assertEquals(SystemState.RUNNING, state.cameraState("cam-page-b"), "only the addressed camera stopped");
            JsonNode status = mapper.readTree(Http.get("/api/status").body());
            assertEquals("STOPPED", status.at("/cameras/cam-page-a/state").asText(), status.toString());
            assertEquals("RUNNING", status.path("system").asText(), "another camera still runs");
            assertTrue(
                    audit.recent().stream()
                            .anyMatch(e -> "cam-page-a".equals(e.cameraId())
                                    && e.reason().startsWith("stop of cam-page-a (page-one, http)")),
                    "audited with the camera");
            assertEquals(
                    400,
                    Http.post("/api/resume?camera=cam-page-a", "{\"camera\":\"cam-page-b\"}")
                            .statusCode(),
                    "query and body naming different cameras");
            assertEquals(
                    200, Http.post("/api/resume", "{\"camera\":\"cam-page-a\"}").statusCode());
            assertEquals(SystemState.RUNNING, state.cameraState("cam-page-a"));
        } finally {
            state.cameraLink("cam-page-a", false);
            state.cameraLink("cam-page-b", false);
        }
    }

    @Test
    void stopAndResume_duringAlert_needTheCode_andKeepTheAlertCount() throws Exception {
        toRunning();
        state.cameraMode("cam-x", CameraMode.ALERT, 3);
        HttpResponse<String> bare = Http.post("/api/stop", "{}");
        assertEquals(409, bare.statusCode());
        assertEquals(
                "the release code is required",
                mapper.readTree(bare.body()).path("reason").asText());
        assertEquals(
                200,
                Http.post("/api/stop", "{\"code\":\"" + GatewayTestResource.RELEASE_CODE + "\"}")
                        .statusCode());
        state.cameraMode("cam-x", CameraMode.STOPPED, 3);
        assertEquals(
                409, Http.post("/api/resume", "{}").statusCode(), "resuming a system stopped in ALERT needs the code");
        assertEquals(
                200,
                Http.post("/api/resume", "{\"code\":\"" + GatewayTestResource.RELEASE_CODE + "\"}")
                        .statusCode());
        assertEquals(
                3,
                state.status().camera("cam-x").orElseThrow().alertCount(),
                "stop and resume do not wipe the alert count");
        state.cameraMode("cam-x", CameraMode.NORMAL, 0);
    }

    @Test
    void repeatedRefusals_areCoalescedInTheAuditLog() throws Exception {
        toRunning();
        long before = audit.recent().stream()
                .filter(e -> e.action().equals("COMMAND_REFUSED") && e.reason().startsWith("resume (http)"))
                .count();
        for (int i = 0; i < 20; i++) {
            assertEquals(409, Http.post("/api/resume", "{}").statusCode());
        }
        long after = audit.recent().stream()
                .filter(e -> e.action().equals("COMMAND_REFUSED") && e.reason().startsWith("resume (http)"))
                .count();
        assertTrue(after - before <= 1, "20 refusals in a minute write at most one line, wrote " + (after - before));
    }

    @Test
    void releaseEpoch_risesOnlyForTheBlockedCamera() throws Exception {
        toRunning();
        long a = state.releaseEpoch("cam-x");
        long b = state.releaseEpoch("cam-y");
        state.cameraMode("cam-x", CameraMode.BLOCKED, 12);
        assertEquals(
                200,
                Http.post("/api/release", "{\"code\":\"" + GatewayTestResource.RELEASE_CODE + "\"}")
                        .statusCode());
        assertEquals(a + 1, state.releaseEpoch("cam-x"));
        assertEquals(b, state.releaseEpoch("cam-y"));
    }

    @Test
    void revoke_removesThrowsOutAndBlocks_onlyANewOfferUnblocks() throws Exception {
        Fingerprint fp = Fingerprint.fromHex("ab".repeat(32));
        registry.register("cam-r", fp, "AA:BB:CC:DD:EE:01", Instant.now());
        HttpResponse<String> r = Http.post("/api/cameras/cam-r/revoke", null);
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(registry.isAuthorised(fp));
        assertFalse(
                Files.readString(java.nio.file.Path.of(
                                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                                        .getValue("motam.data-dir", String.class),
                                "cameras.json"))
                        .contains("cam-r"),
                "the revocation is on disk");
        assertTrue(radio.recording().blocked().contains("AA:BB:CC:DD:EE:01"));
        assertTrue(
                actions().containsAll(List.of("REVOKED", "BLOCKED")), actions().toString());
        assertEquals(404, Http.post("/api/cameras/cam-r/revoke", null).statusCode());

        assertEquals(200, Http.post("/api/pair", null).statusCode());
        assertFalse(radio.recording().blocked().contains("AA:BB:CC:DD:EE:01"), "a new offer lifts the block");
        assertTrue(actions().contains("UNBLOCKED"));
        desk.withdraw();
    }

    @Test
    void withoutTheToken_noCommandNoPairingNoQr_onlyReadOnlyState() throws Exception {
        toRunning();
        desk.withdraw();
        for (String path : List.of(
                "/api/stop",
                "/api/resume",
                "/api/release",
                "/api/pair",
                "/api/cameras/cam-a/revoke",
                "/ui/stop",
                "/ui/pair")) {
            HttpResponse<String> r = Http.anonymous("POST", path, "{}");
            assertEquals(401, r.statusCode(), path + ": " + r.body());
            assertFalse(r.body().contains("MOTAM1:"), path);
        }
        assertEquals(SystemState.RUNNING, state.status().system(), "nothing changed");
        assertFalse(desk.isOpen(), "no offer was opened");
        assertEquals(401, Http.anonymous("POST", "/api/stop", null).statusCode());
        HttpResponse<String> wrong =
                Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Http.base() + "/api/stop"))
                        .header("Authorization", "Bearer " + "x".repeat(43))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, wrong.statusCode());
        assertEquals(200, Http.anonymous("GET", "/api/status", null).statusCode(), "read-only state stays open");
        Http.post("/api/pair", null);
        assertEquals(401, Http.anonymous("GET", "/pairing/qr.png", null).statusCode(), "the QR is the offer's secret");
        assertEquals(200, Http.getBytes("/pairing/qr.png").statusCode());
        desk.withdraw();
        java.nio.file.Path file = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("motam.data-dir", java.nio.file.Path.class)
                .resolve("api-token");
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void crossOriginPosts_andForeignHostNames_areRefused() throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(Http.base() + "/api/stop"))
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, r.statusCode());
        URI base = URI.create(Http.base());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/status HTTP/1.1\r\nHost: rebind.evil.example:" + base.getPort()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 403", status);
        }
    }

    @Test
    void health_reportsLinkBrokerAndBackupDisk_andMetricsAreExported() throws Exception {
        await("health UP")
                .atMost(Duration.ofSeconds(20))
                .until(() -> Http.get("/q/health").statusCode() == 200);
        String health = Http.get("/q/health").body();
        for (String check : List.of("link", "broker", "backup-disk")) {
            assertEquals("UP", Http.checkStatus(health, check), check + " UP in " + health);
        }
        String metrics = Http.get("/q/metrics").body();
        for (String name : List.of(
                "motam_backup_size_bytes",
                "motam_journal_entries",
                "motam_audit_entries",
                "motam_system_state{",
                "motam_cameras_connected")) {
            assertTrue(metrics.contains(name), name + " missing");
        }
    }
}
