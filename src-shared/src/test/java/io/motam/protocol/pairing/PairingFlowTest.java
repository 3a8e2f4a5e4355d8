package io.motam.protocol.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.protocol.session.Identity;
import io.motam.protocol.session.PeerPolicy;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionClient;
import io.motam.protocol.session.SessionServer;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pairing transcript: the gateway shows an offer as a QR code, the camera scans it,
 * connects pinned to the offered key and proves the secret over the session.
 */
class PairingFlowTest {

    @TempDir
    Path dir;

    @Test
    void pairing_cameraScansOfferAndProvesSecret_gatewayVerifiesBoundToSession() throws Exception {
        Identity gateway = Identity.generate("gateway-1");
        Identity camera = Identity.generate("camera-1");
        ExecutorService gatewayThread = Executors.newSingleThreadExecutor();
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            PairingOffer offer = PairingOffer.issue(
                    "gateway-1",
                    "tcp:127.0.0.1:" + listener.getLocalPort(),
                    gateway.fingerprint(),
                    Duration.ofMinutes(5),
                    Clock.systemUTC(),
                    new SecureRandom());
            Path png = dir.resolve("pairing.png");
            PairingQr.writePng(offer, png);

            // gateway: a pairing window admits any key, then demands the proof
            Future<Boolean> verdict = gatewayThread.submit(() -> {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(10_000);
                try (SecureSession session = SessionServer.accept(
                        socket.getInputStream(), socket.getOutputStream(), gateway, PeerPolicy.ADMIT_ALL)) {
                    byte[] proof = new byte[PairingProof.PROOF_LENGTH];
                    new DataInputStream(session.in()).readFully(proof);
                    boolean ok = PairingProof.verify(
                            offer.secret(), PairingProof.sessionExporter(session), session.peer(), proof);
                    session.out().write(ok ? 1 : 0);
                    session.out().flush();
                    return ok;
                }
            });

            // camera: scan, connect pinned to the offered key, prove
            PairingOffer scanned = PairingQr.decode(ImageIO.read(png.toFile())).orElseThrow();
            assertFalse(scanned.isExpired(Clock.systemUTC()));
            int port = Integer.parseInt(
                    scanned.endpoint().substring(scanned.endpoint().lastIndexOf(':') + 1));
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            try (SecureSession session = SessionClient.connect(
                    socket.getInputStream(), socket.getOutputStream(), camera, scanned.gatewayFingerprint())) {
                session.out()
                        .write(PairingProof.compute(
                                scanned.secret(), PairingProof.sessionExporter(session), camera.fingerprint()));
                session.out().flush();
                assertEquals(1, session.in().read());
            }
            assertTrue(verdict.get(10, TimeUnit.SECONDS));
        } finally {
            gatewayThread.shutdownNow();
        }
    }
}
