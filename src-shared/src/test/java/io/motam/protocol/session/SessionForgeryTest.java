package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Forged keys: a peer that shows someone else's certificate but cannot sign with its private
 * key. The certificate alone is public (it crosses the wire in every handshake), so it must be
 * worth nothing.
 */
class SessionForgeryTest {
    private static final Identity GATEWAY = Identity.generate("gateway-1");
    private static final Identity CAMERA = Identity.generate("camera-1");
    private static final Identity MALLORY = Identity.generate("mallory");

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void forgedClientCertificate_registeredCameraKeyWithoutItsPrivateKey_refusedBeforeThePolicyIsAsked()
            throws Exception {
        Identity forged = new Identity(CAMERA.certificate(), MALLORY.privateKey());
        List<Fingerprint> asked = new CopyOnWriteArrayList<>();
        try (LoopbackLink link = LoopbackLink.open()) {
            Future<SecureSession> server = threads.submit(() -> SessionServer.accept(
                    link.serverSide.getInputStream(), link.serverSide.getOutputStream(), GATEWAY, fp -> {
                        asked.add(fp);
                        return fp.equals(CAMERA.fingerprint());
                    }));
            SessionException client = assertThrows(
                    SessionException.class,
                    () -> SessionClient.connect(
                            link.clientSide.getInputStream(),
                            link.clientSide.getOutputStream(),
                            forged,
                            GATEWAY.fingerprint()));
            ExecutionException e = assertThrows(ExecutionException.class, () -> server.get(10, TimeUnit.SECONDS));
            SessionException serverSide = (SessionException) e.getCause();
            assertEquals(SessionException.Reason.HANDSHAKE_FAILED, serverSide.reason());
            assertTrue(asked.isEmpty(), "the policy is only asked once the key's possession is proven");
            assertTrue(
                    client.reason() == SessionException.Reason.HANDSHAKE_FAILED
                            || client.reason() == SessionException.Reason.PEER_REJECTED,
                    client.toString());
        }
    }

    @Test
    void forgedServerCertificate_pinnedGatewayKeyWithoutItsPrivateKey_cameraRefusesIt() throws Exception {
        Identity forged = new Identity(GATEWAY.certificate(), MALLORY.privateKey());
        try (LoopbackLink link = LoopbackLink.open()) {
            Future<SecureSession> server = threads.submit(() -> SessionServer.accept(
                    link.serverSide.getInputStream(), link.serverSide.getOutputStream(), forged, PeerPolicy.ADMIT_ALL));
            SessionException client = assertThrows(
                    SessionException.class,
                    () -> SessionClient.connect(
                            link.clientSide.getInputStream(),
                            link.clientSide.getOutputStream(),
                            CAMERA,
                            GATEWAY.fingerprint()));
            assertEquals(
                    SessionException.Reason.HANDSHAKE_FAILED,
                    client.reason(),
                    "the pin matches but the CertificateVerify does not");
            assertThrows(ExecutionException.class, () -> server.get(10, TimeUnit.SECONDS));
        }
    }
}
