package io.motam.gateway.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.gateway.testing.TestCamera;
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

/** A camera id paired a second time, with a new key, against the running gateway. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class CameraRepairingTest {
    @Inject
    LinkServer link;

    @Inject
    Identity gateway;

    @Inject
    Operator operator;

    @Inject
    CameraRegistry registry;

    @Inject
    ActiveCameras active;

    @Inject
    AuditLog audit;

    @Test
    void pairAgain_sameCameraId_oldKeyRevokedAndReplaced_auditedAndRefusedAfterwards() throws Exception {
        try (TestCamera before = new TestCamera("cam-again");
                TestCamera after = new TestCamera("cam-again")) {
            PairingOffer first = operator.issueOffer("test").offer().orElseThrow();
            assertInstanceOf(Welcome.class, before.connect(link.endpoint(), gateway.fingerprint(), first.secret()));
            await().atMost(Duration.ofSeconds(5)).until(() -> active.count() == 1);

            PairingOffer second = operator.issueOffer("test").offer().orElseThrow();
            assertInstanceOf(Welcome.class, after.connect(link.endpoint(), gateway.fingerprint(), second.secret()));

            assertFalse(registry.isAuthorised(before.fingerprint()), "the old key is revoked");
            assertTrue(registry.isAuthorised(after.fingerprint()));
            List<AuthorisedCamera> entries = registry.all().stream()
                    .filter(c -> c.id().equals("cam-again"))
                    .toList();
            assertEquals(
                    List.of(after.fingerprint().hex()),
                    entries.stream().map(AuthorisedCamera::fingerprint).toList(),
                    "one key per camera id");
            List<AuditEntry> replaced = audit.recent().stream()
                    .filter(e -> e.action().equals("REPLACED")
                            && before.fingerprint().hex().equals(e.fingerprint()))
                    .toList();
            assertEquals(1, replaced.size(), audit.recent().toString());
            assertEquals("cam-again", replaced.get(0).cameraId());
            assertTrue(
                    replaced.get(0).reason().contains(after.fingerprint().hex()),
                    replaced.get(0).reason());
            await("one session of the camera, the new one")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> active.count() == 1);

            after.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> active.count() == 0);
            before.from("127.0.0.50");
            assertThrows(
                    IOException.class,
                    () -> before.connect(link.endpoint(), gateway.fingerprint(), null),
                    "the replaced key no longer completes a handshake");
            assertInstanceOf(Welcome.class, after.connect(link.endpoint(), gateway.fingerprint(), null));
        }
    }
}
