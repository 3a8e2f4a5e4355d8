package io.motam.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.release.ReleaseCodeHash;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.gateway.testing.GatewayTestResource;
import io.motam.gateway.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The operator's command line against the running gateway's local API. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class CliTest {
    @Inject
    PairingDesk desk;

    @Inject
    SystemStateController state;

    private record Run(int status, String out, String err) {}

    private Run run(String stdin, String... given) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of(given));
        if (!a.get(0).equals("hash-release-code") && !a.contains("--token-file")) {
            a.add("--token-file");
            a.add(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("motam.data-dir", String.class)
                    + "/api-token");
        }
        String[] args = a.toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pair_opensAnOffer_andPrintsItsQrCode() {
        Run r = run("", "pair", "--url", Http.base());
        assertEquals(0, r.status(), r.err());
        assertTrue(desk.isOpen());
        assertTrue(r.out().contains("pairing offer open until") && r.out().contains("█"), r.out());
        desk.withdraw();
    }

    @Test
    void stopResume_andReleaseWithTheCodeFromStandardInput() {
        if (state.status().system() == SystemState.STOPPED) {
            state.command(
                    CommandKind.RESUME,
                    io.motam.gateway.state.CameraTarget.ALL,
                    GatewayTestResource.RELEASE_CODE.toCharArray(),
                    "local");
        }
        assertEquals(0, run("", "stop", "--url", Http.base()).status());
        Run again = run("", "stop", "--url", Http.base());
        assertEquals(1, again.status());
        assertTrue(again.out().contains("expected RUNNING but was STOPPED"), again.out());
        assertEquals(0, run("", "resume", "--url", Http.base()).status());
        state.cameraMode("cam-cli", io.motam.domain.CameraMode.BLOCKED, 12);
        assertEquals(
                0,
                run(GatewayTestResource.RELEASE_CODE + "\n", "release", "--code", "--url", Http.base())
                        .status());
        assertEquals(SystemState.RUNNING, state.status().system());
    }

    @Test
    void withoutTheTokenFile_nothingIsSent_andTheOperatorIsToldWhy() {
        Run r = run("", "stop", "--url", Http.base(), "--token-file", "/nonexistent/api-token");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("cannot read the gateway's API token /nonexistent/api-token"), r.err());
    }

    @Test
    void hashReleaseCode_printsAHashThatMatchesTheCode() {
        Run r = run("a-new-code-77\n", "hash-release-code");
        assertEquals(0, r.status(), r.err());
        String line = r.out().trim();
        assertTrue(line.startsWith("motam.gateway.release.code-hash=pbkdf2-sha256:600000:"), line);
        ReleaseCodeHash h = ReleaseCodeHash.parse(line.substring(line.indexOf('=') + 1));
        assertTrue(h.matches("a-new-code-77".toCharArray()));
        assertEquals(2, run("short\n", "hash-release-code").status(), "too short a code is refused");
    }

    @Test
    void unreachableGateway_exitsWithTwo() {
        assertEquals(2, run("", "status", "--url", "http://127.0.0.1:1").status());
    }
}
