package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.NamedGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two-party transcripts of the TLS 1.3 session over a real loopback TCP connection. */
class SessionHandshakeTest {

    private static Identity gateway;
    private static Identity camera;
    private static Identity mallory;
    private static ExecutorService serverThread;

    private LoopbackLink link;

    @BeforeAll
    static void identities() {
        gateway = Identity.generate("gateway-1");
        camera = Identity.generate("camera-1");
        mallory = Identity.generate("mallory");
        serverThread = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopThreads() {
        serverThread.shutdownNow();
    }

    @BeforeEach
    void openLink() throws IOException {
        link = LoopbackLink.open();
    }

    @AfterEach
    void closeLink() throws IOException {
        link.close();
    }

    private Future<SecureSession> acceptAsync(Identity id, PeerPolicy policy) {
        return serverThread.submit(() ->
                SessionServer.accept(link.serverSide.getInputStream(), link.serverSide.getOutputStream(), id, policy));
    }

    private SecureSession connect(Identity id, Fingerprint expected) throws IOException {
        return SessionClient.connect(link.clientSide.getInputStream(), link.clientSide.getOutputStream(), id, expected);
    }

    private static SessionException serverFailure(Future<SecureSession> server) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> server.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(SessionException.class, e.getCause());
    }

    private static <T> T assertInstanceOf(Class<T> type, Object value) {
        assertTrue(type.isInstance(value), () -> "expected " + type.getSimpleName() + " but was " + value);
        return type.cast(value);
    }

    @Test
    void connect_pinnedServerAndAdmittedClient_exchangesDataBothWaysAndNamesPeers() throws Exception {
        List<Fingerprint> asked = new CopyOnWriteArrayList<>();
        Future<SecureSession> accepted = acceptAsync(gateway, fp -> asked.add(fp));

        try (SecureSession client = connect(camera, gateway.fingerprint());
                SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
            client.out().write("hello gateway".getBytes(StandardCharsets.US_ASCII));
            client.out().flush();
            assertEquals("hello gateway", readAscii(server.in(), 13));

            server.out().write("hello camera".getBytes(StandardCharsets.US_ASCII));
            server.out().flush();
            assertEquals("hello camera", readAscii(client.in(), 12));

            assertEquals(gateway.fingerprint(), client.peer());
            assertEquals(camera.fingerprint(), server.peer());
            assertEquals(List.of(camera.fingerprint()), asked);
            assertTrue(server.isServer());
            assertFalse(client.isServer());
        }
    }

    @Test
    void session_fullDuplexMegabyteEachWay_arrivesIntact() throws Exception {
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);
        byte[] up = randomBytes(1 << 20);
        byte[] down = randomBytes(1 << 20);
        try (SecureSession client = connect(camera, gateway.fingerprint());
                SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
            Future<?> serverWrites = serverThread.submit(() -> writeAll(server.out(), down));
            Future<?> clientWrites = serverThread.submit(() -> writeAll(client.out(), up));
            Future<byte[]> serverReads = serverThread.submit(() -> readN(server.in(), up.length));
            byte[] clientGot = readN(client.in(), down.length);
            assertArrayEquals(up, serverReads.get(10, TimeUnit.SECONDS));
            assertArrayEquals(down, clientGot);
            serverWrites.get(10, TimeUnit.SECONDS);
            clientWrites.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void exporter_sameLabel_equalOnBothEndsAndDifferentAcrossSessions() throws Exception {
        byte[] first;
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);
        try (SecureSession client = connect(camera, gateway.fingerprint());
                SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
            first = client.exporter("EXPORTER-motam-test", 32);
            assertEquals(32, first.length);
            assertArrayEquals(first, server.exporter("EXPORTER-motam-test", 32));
            assertFalse(
                    Arrays.equals(first, client.exporter("EXPORTER-motam-other", 32)),
                    "another label gives other bytes");
        }

        link.close();
        link = LoopbackLink.open();
        Future<SecureSession> again = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);
        try (SecureSession client = connect(camera, gateway.fingerprint());
                SecureSession server = again.get(10, TimeUnit.SECONDS)) {
            byte[] second = client.exporter("EXPORTER-motam-test", 32);
            assertArrayEquals(second, server.exporter("EXPORTER-motam-test", 32));
            assertFalse(Arrays.equals(first, second), "another session gives other bytes");
        }
    }

    @Test
    void connect_serverKeyMismatch_failsBeforeAppData() throws Exception {
        // mallory sits where the gateway should be and would admit anybody
        List<Fingerprint> asked = new CopyOnWriteArrayList<>();
        Future<SecureSession> accepted = acceptAsync(mallory, fp -> asked.add(fp));

        SessionException e = assertThrows(SessionException.class, () -> connect(camera, gateway.fingerprint()));

        assertEquals(SessionException.Reason.SERVER_KEY_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains(mallory.fingerprint().hex()), e.getMessage());
        assertEquals(
                SessionException.Reason.HANDSHAKE_FAILED,
                serverFailure(accepted).reason());
        assertTrue(asked.isEmpty(), "the impostor never got to authenticate the camera");
    }

    @Test
    void accept_policyRefusesClient_serverThrowsPeerRejectedAndConnectFails() throws Exception {
        List<Fingerprint> asked = new CopyOnWriteArrayList<>();
        Future<SecureSession> accepted = acceptAsync(gateway, fp -> {
            asked.add(fp);
            return false;
        });

        SessionException clientSide =
                assertThrows(SessionException.class, () -> connect(camera, gateway.fingerprint()));

        assertEquals(SessionException.Reason.PEER_REJECTED, clientSide.reason());
        assertEquals(
                SessionException.Reason.PEER_REJECTED, serverFailure(accepted).reason());
        assertEquals(List.of(camera.fingerprint()), asked);
        assertTrue(link.clientSide.isClosed(), "a failed connect closes the transport");
    }

    @Test
    void accept_clientOfferingOnlyTls12_isRefusedWithProtocolVersion() throws Exception {
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);

        IOException clientSide = assertThrows(
                IOException.class,
                () -> Tls12OnlyClient.connect(link.clientSide.getInputStream(), link.clientSide.getOutputStream()));

        assertTrue(clientSide.toString().contains("protocol_version"), clientSide.toString());
        assertEquals(
                SessionException.Reason.HANDSHAKE_FAILED,
                serverFailure(accepted).reason());
    }

    @ParameterizedTest(name = "group {0}")
    @ValueSource(
            ints = {
                NamedGroup.ffdhe2048,
                NamedGroup.ffdhe3072,
                NamedGroup.ffdhe4096,
                NamedGroup.x448,
                NamedGroup.secp384r1
            })
    void accept_clientOfferingOnlyOtherGroups_isRefusedWithHandshakeFailure(int group) throws Exception {
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);

        IOException clientSide = assertThrows(
                IOException.class,
                () -> OtherGroupsClient.connect(
                        link.clientSide.getInputStream(),
                        link.clientSide.getOutputStream(),
                        camera,
                        gateway.fingerprint(),
                        group));

        assertTrue(clientSide.toString().contains("handshake_failure"), clientSide.toString());
        assertEquals(
                SessionException.Reason.HANDSHAKE_FAILED,
                serverFailure(accepted).reason());
    }

    @Test
    void accept_clientOfferingOnlyFfdhe_isRefusedWithHandshakeFailure() throws Exception {
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);

        IOException clientSide = assertThrows(
                IOException.class,
                () -> OtherGroupsClient.connect(
                        link.clientSide.getInputStream(),
                        link.clientSide.getOutputStream(),
                        camera,
                        gateway.fingerprint(),
                        NamedGroup.ffdhe4096,
                        NamedGroup.ffdhe3072,
                        NamedGroup.ffdhe2048));

        assertTrue(clientSide.toString().contains("handshake_failure"), clientSide.toString());
        assertEquals(
                SessionException.Reason.HANDSHAKE_FAILED,
                serverFailure(accepted).reason());
    }

    @Test
    void accept_clientPreferringFfdheButOfferingP256_getsP256() throws Exception {
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);

        OtherGroupsClient.connect(
                link.clientSide.getInputStream(),
                link.clientSide.getOutputStream(),
                camera,
                gateway.fingerprint(),
                NamedGroup.ffdhe4096,
                NamedGroup.secp256r1);

        try (SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
            assertEquals("secp256r1", server.keyExchangeGroup());
        }
    }

    @Test
    void connect_ourClient_agreesOnX25519() throws Exception {
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);
        try (SecureSession client = connect(camera, gateway.fingerprint());
                SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
            assertEquals("x25519", client.keyExchangeGroup());
            assertEquals("x25519", server.keyExchangeGroup());
        }
    }

    @Test
    void accept_garbageInsteadOfClientHello_failsHandshake() {
        byte[] junk = randomBytes(4096);
        SessionException e = assertThrows(
                SessionException.class,
                () -> SessionServer.accept(
                        new ByteArrayInputStream(junk), new ByteArrayOutputStream(), gateway, PeerPolicy.ADMIT_ALL));
        assertEquals(SessionException.Reason.HANDSHAKE_FAILED, e.reason());
    }

    @Test
    void accept_silentClient_timesOut() throws Exception {
        link.serverSide.setSoTimeout(200);
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);
        assertEquals(SessionException.Reason.TIMEOUT, serverFailure(accepted).reason());
    }

    @Test
    void close_sendsCloseNotify_peerReadsEndOfStream() throws Exception {
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);
        try (SecureSession client = connect(camera, gateway.fingerprint());
                SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
            client.close();
            assertEquals(-1, server.in().read());
            assertThrows(IllegalStateException.class, () -> client.exporter("EXPORTER-motam-test", 32));
            client.close(); // idempotent
        }
    }

    @Test
    void exporter_badArguments_throwIllegalArgument() throws Exception {
        Future<SecureSession> accepted = acceptAsync(gateway, PeerPolicy.ADMIT_ALL);
        try (SecureSession client = connect(camera, gateway.fingerprint());
                SecureSession server = accepted.get(10, TimeUnit.SECONDS)) {
            assertThrows(IllegalArgumentException.class, () -> client.exporter("", 32));
            assertThrows(IllegalArgumentException.class, () -> client.exporter("with space", 32));
            assertThrows(IllegalArgumentException.class, () -> client.exporter("EXPORTER-x", 0));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> server.exporter("EXPORTER-x", SecureSession.MAX_EXPORTER_LENGTH + 1));
        }
    }

    private static String readAscii(InputStream in, int n) throws IOException {
        return new String(readN(in, n), StandardCharsets.US_ASCII);
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        byte[] buffer = new byte[n];
        new DataInputStream(in).readFully(buffer);
        return buffer;
    }

    private static Void writeAll(OutputStream out, byte[] data) throws IOException {
        for (int offset = 0; offset < data.length; offset += 8192) {
            out.write(data, offset, Math.min(8192, data.length - offset));
        }
        out.flush();
        return null;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
