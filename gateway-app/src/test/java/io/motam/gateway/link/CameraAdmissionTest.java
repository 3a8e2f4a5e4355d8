package io.motam.gateway.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.bluetooth.RadioAdapterControl;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.gateway.testing.Http;
import io.motam.gateway.testing.TestCamera;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.session.Identity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real cameras (own keys, TCP, TLS 1.3, HELLO, PAIR_PROOF) against the running gateway's link
 * server: one camera at a time, an unauthorised one denied (not blocked: a TCP peer is no
 * device), a revoked one unable to come back.
 */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class CameraAdmissionTest {
    @Inject
    Operator operator;

    @Inject
    LinkServer link;

    @Inject
    Identity gateway;

    @Inject
    CameraRegistry registry;

    @Inject
    PairingDesk desk;

    @Inject
    ActiveCameras active;

    @Inject
    RadioAdapterControl radio;

    @Inject
    AuditLog audit;

    private List<AuditEntry> refusalsOf(String fingerprint) {
        return audit.recent().stream()
                .filter(e -> e.action().equals("DENIED")
                        && fingerprint.equals(e.fingerprint())
                        && e.reason().startsWith("unknown key, no pairing offer open"))
                .toList();
    }

    private List<AuditEntry> decisionsFor(String camera) {
        return audit.recent().stream().filter(e -> camera.equals(e.cameraId())).toList();
    }

    @Test
    void secondCameraRefused_wrongProofDeniedAndBlocked_revokedCameraCannotReconnect() throws Exception {
        try (TestCamera a = new TestCamera("cam-a");
                TestCamera b = new TestCamera("cam-b");
                TestCamera intruder = new TestCamera("cam-x")) {
            PairingOffer first = operator.issueOffer("test").offer().orElseThrow();
            assertInstanceOf(Welcome.class, a.connect(link.endpoint(), gateway.fingerprint(), first.secret()));
            assertTrue(registry.isAuthorised(a.fingerprint()));
            await().atMost(Duration.ofSeconds(5)).until(() -> active.count() == 1);

            PairingOffer second = operator.issueOffer("test").offer().orElseThrow();
            // a camera that saw no offer: its proof is wrong, the link ends without an answer, it is
            // denied and its device blocked
            assertThrows(
                    IOException.class,
                    () -> intruder.connect(link.endpoint(), gateway.fingerprint(), new byte[32]),
                    "a wrong proof gets no WELCOME and no CLOSE");
            assertFalse(registry.isAuthorised(intruder.fingerprint()));
            AuditEntry denied = decisionsFor("cam-x").stream()
                    .filter(e -> e.action().equals("DENIED"))
                    .findFirst()
                    .orElseThrow();
            assertFalse(radio.recording().blocked().contains(denied.address()), "a TCP peer is never blocked");

            // a second, properly paired camera is refused while the first is connected
            Message toB = b.connect(link.endpoint(), gateway.fingerprint(), second.secret());
            assertEquals(new Close(Close.Reason.ANOTHER_CAMERA_CONNECTED), toB);
            assertTrue(decisionsFor("cam-b").stream().anyMatch(e -> e.action().equals("REFUSED")));
            assertFalse(desk.isOpen(), "the offer was used");

            assertEquals(200, Http.post("/api/cameras/cam-a/revoke", null).statusCode());
            assertFalse(registry.isAuthorised(a.fingerprint()));
            assertTrue(decisionsFor("cam-a").stream().anyMatch(e -> e.action().equals("REVOKED")));
            // the gateway itself ends the revoked camera's session
            await("revoked camera thrown out").atMost(Duration.ofSeconds(5)).until(() -> active.count() == 0);
            assertTrue(decisionsFor("cam-a").stream().anyMatch(e -> e.action().equals("DISCONNECTED")));
            a.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> active.count() == 0);
            assertThrows(
                    IOException.class,
                    () -> a.connect(link.endpoint(), gateway.fingerprint(), null),
                    "a revoked camera's key no longer completes a handshake");
            // refused at the handshake (no offer open): audited once as a denial of an unknown key;
            // a retry from the same address within the quiet period adds no line
            List<AuditEntry> refusals = refusalsOf(a.fingerprint().hex());
            assertEquals(1, refusals.size(), "audited handshake refusals: " + refusals);
            assertFalse(radio.recording().blocked().contains(refusals.get(0).address()), "a TCP peer is never blocked");
            assertThrows(IOException.class, () -> a.connect(link.endpoint(), gateway.fingerprint(), null));
            assertEquals(1, refusalsOf(a.fingerprint().hex()).size(), "a retry is not audited again");

            // the other authorised camera now gets in
            assertInstanceOf(Welcome.class, b.connect(link.endpoint(), gateway.fingerprint(), null));
            b.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> active.count() == 0);
        }
    }
}
