package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.TlsClientProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two-party handshakes over loopback TCP for every pair of cipher preferences: both ends agree on
 * one suite, the one {@link Tls13Profile#serverOrder} names, and move data both ways with it.
 */
class CipherSuiteNegotiationTest {

    private static final int CHACHA = CipherSuite.TLS_CHACHA20_POLY1305_SHA256;
    private static final int AES128 = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final int AES256 = CipherSuite.TLS_AES_256_GCM_SHA384;

    private static Identity gateway;
    private static Identity camera;
    private static ExecutorService serverThread;

    @BeforeAll
    static void identities() {
        gateway = Identity.generate("gateway-1");
        camera = Identity.generate("camera-1");
        serverThread = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopThreads() {
        serverThread.shutdownNow();
    }

    @ParameterizedTest(name = "camera prefers {0}, gateway prefers {1}: {2}")
    @CsvSource({
        "aes-gcm,  aes-gcm,  TLS_AES_128_GCM_SHA256",
        "chacha20, aes-gcm,  TLS_CHACHA20_POLY1305_SHA256",
        "aes-gcm,  chacha20, TLS_CHACHA20_POLY1305_SHA256",
        "chacha20, chacha20, TLS_CHACHA20_POLY1305_SHA256",
    })
    void handshake_eachPreferencePair_bothEndsAgreeAndMoveData(String cameraPref, String gatewayPref, String expected)
            throws Exception {
        try (LoopbackLink link = LoopbackLink.open()) {
            Future<SecureSession> accepted = serverThread.submit(() -> SessionServer.accept(
                    link.serverSide.getInputStream(),
                    link.serverSide.getOutputStream(),
                    gateway,
                    PeerPolicy.ADMIT_ALL,
                    CipherPreference.parse(gatewayPref)));
            try (SecureSession client = SessionClient.connect(
                            link.clientSide.getInputStream(),
                            link.clientSide.getOutputStream(),
                            camera,
                            gateway.fingerprint(),
                            CipherPreference.parse(cameraPref));
                    SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
                assertEquals(expected, client.cipherSuite());
                assertEquals(expected, server.cipherSuite());
                exchange(client, server);
            }
        }
    }

    /** Several full records each way (BC splits at 16 KiB), so every record's nonce and tag is exercised. */
    private static void exchange(SecureSession client, SecureSession server) throws Exception {
        byte[] up = new byte[100_000];
        byte[] down = new byte[40_000];
        new Random(1).nextBytes(up);
        new Random(2).nextBytes(down);
        Future<byte[]> received = serverThread.submit(() -> readFully(server.in(), up.length));
        client.out().write(up);
        client.out().flush();
        assertArrayEquals(up, received.get(10, TimeUnit.SECONDS));
        server.out().write(down);
        server.out().flush();
        assertArrayEquals(down, readFully(client.in(), down.length));
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        new DataInputStream(in).readFully(b);
        return b;
    }

    @ParameterizedTest(name = "gateway prefers {0}, camera offers only AES-GCM")
    @CsvSource({"aes-gcm", "chacha20"})
    void handshake_clientOfferingOnlyAesGcm_getsAesGcm(String gatewayPref) throws Exception {
        assertEquals(AES128, handshakeOffering(CipherPreference.parse(gatewayPref), AES128, AES256));
    }

    @ParameterizedTest(name = "gateway prefers {0}, camera offers only ChaCha20")
    @CsvSource({"aes-gcm", "chacha20"})
    void handshake_clientOfferingOnlyChaCha20_getsChaCha20(String gatewayPref) throws Exception {
        assertEquals(CHACHA, handshakeOffering(CipherPreference.parse(gatewayPref), CHACHA));
    }

    /** Our own client except for the suites it offers; returns the suite both ends settled on. */
    private static int handshakeOffering(CipherPreference gatewayPref, int... suites) throws Exception {
        try (LoopbackLink link = LoopbackLink.open()) {
            Future<SecureSession> accepted = serverThread.submit(() -> SessionServer.accept(
                    link.serverSide.getInputStream(),
                    link.serverSide.getOutputStream(),
                    gateway,
                    PeerPolicy.ADMIT_ALL,
                    gatewayPref));
            SessionTlsClient client = new SessionTlsClient(Tls13Profile.crypto(), camera, gateway.fingerprint()) {
                @Override
                protected int[] getSupportedCipherSuites() {
                    return suites.clone();
                }
            };
            TlsClientProtocol protocol =
                    new TlsClientProtocol(link.clientSide.getInputStream(), link.clientSide.getOutputStream());
            protocol.connect(client);
            assertEquals(SessionServer.ADMITTED, protocol.getInputStream().read());
            try (SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
                int chosen = client.context().getSecurityParameters().getCipherSuite();
                assertEquals(Tls13Profile.suiteName(chosen), server.cipherSuite());
                protocol.getOutputStream().write(new byte[] {42});
                protocol.getOutputStream().flush();
                assertEquals(42, server.in().read());
                protocol.close();
                return chosen;
            }
        }
    }

    @Test
    void serverOrder_clientLeadsWithChaCha20_movesItFirst() {
        assertArrayEquals(
                new int[] {CHACHA, AES128, AES256},
                Tls13Profile.serverOrder(new int[] {AES128, AES256, CHACHA}, new int[] {CHACHA, AES128}));
    }

    @Test
    void serverOrder_clientLeadsWithAes_keepsServerOrder() {
        int[] chachaFirst = {CHACHA, AES128, AES256};
        int[] aesFirst = {AES128, AES256, CHACHA};
        assertArrayEquals(chachaFirst, Tls13Profile.serverOrder(chachaFirst, new int[] {AES128, CHACHA}));
        assertArrayEquals(aesFirst, Tls13Profile.serverOrder(aesFirst, new int[] {AES256, CHACHA, AES128}));
        assertArrayEquals(aesFirst, Tls13Profile.serverOrder(aesFirst, new int[0]));
    }

    @Test
    void serverOrder_serverWithoutChaCha20_keepsServerOrder() {
        int[] aesOnly = {AES128, AES256};
        assertArrayEquals(aesOnly, Tls13Profile.serverOrder(aesOnly, new int[] {CHACHA, AES128}));
    }

    @Test
    void cipherSuites_preference_ordersOurThreeSuites() {
        var crypto = Tls13Profile.crypto();
        assertArrayEquals(
                new int[] {CHACHA, AES128, AES256}, Tls13Profile.cipherSuites(crypto, CipherPreference.CHACHA20));
        assertArrayEquals(
                new int[] {AES128, AES256, CHACHA}, Tls13Profile.cipherSuites(crypto, CipherPreference.AES_GCM));
    }
}
