package io.motam.link.bluetooth.rfcomm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.domain.Verdict;
import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.ExpectedPeer;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBluetoothControl;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import io.motam.link.bluetooth.bluez.BluezDouble;
import io.motam.link.bluetooth.rfcomm.ProfileCaller.FakeRfcomm;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Hello;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.PairProof;
import io.motam.protocol.message.Recognition;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingProof;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.PeerPolicy;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionClient;
import io.motam.protocol.session.SessionServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole Bluetooth path short of the radio: a gateway (hci0: control, agent, SPP server
 * profile) and a camera (hci1: SPP client profile) on the private bus with the BlueZ double, the
 * test playing both bluetoothd instances (it answers the camera's {@code ConnectProfile} by
 * asking the gateway's agent {@code AuthorizeService}, then handing the two ends of one socket
 * pair to the two {@code NewConnection}s). Over that link runs the MOTAM session: TLS 1.3 with
 * pinned keys, pairing proof, an event and its ack, a file-sized payload of 1 MiB in 64 KiB
 * frames, each acked, and a command back. Then the gateway trusts the camera.
 *
 * <p>Until the protocol has a file chunk message (issue 3), the chunks travel as opaque
 * sequenced frames that this test reassembles and never decodes as events.
 */
class SecureSessionOverRfcommTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private static final String GATEWAY_HCI = "hci0";
    private static final String CAMERA_HCI = "hci1";
    /** dbusmock's addresses for hci0 and hci1. */
    private static final BluetoothAddress GATEWAY = BluetoothAddress.parse("00:01:02:03:04:05");

    private static final BluetoothAddress CAMERA = BluetoothAddress.parse("01:02:03:04:05:06");
    private static final int FILE_SIZE = 1 << 20;
    private static final int CHUNK = 64 * 1024;

    private DBusConnection gatewayBus;
    private DBusConnection cameraBus;
    private BluezBluetoothControl gatewayControl;
    private RfcommLinkAcceptor acceptor;
    private RfcommLinkConnector connector;

    @BeforeEach
    void start() throws Exception {
        BLUEZ.addAdapter(GATEWAY_HCI, "gateway");
        BLUEZ.addAdapter(CAMERA_HCI, "camera");
        gatewayBus = BLUEZ.connect();
        cameraBus = BLUEZ.connect();
        gatewayControl = BluezBluetoothControl.start(gatewayBus, GATEWAY_HCI, Clock.systemUTC(), Set.of());
        acceptor = RfcommLinkAcceptor.register(gatewayBus, GATEWAY_HCI, SerialPortProfile.DEFAULT_CHANNEL);
    }

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        acceptor.close();
        gatewayControl.close();
        cameraBus.close();
        gatewayBus.close();
        BLUEZ.removeAdapter(CAMERA_HCI);
        BLUEZ.removeAdapter(GATEWAY_HCI);
    }

    @Test
    void pairingEventAndOneMebibyteFile_runOverAnRfcommLinkHandedOverByBluez() throws Exception {
        Identity gatewayId = Identity.generate("gateway");
        Identity cameraId = Identity.generate("cam1");
        byte[] file = new byte[FILE_SIZE];
        new SecureRandom().nextBytes(file);

        // gateway: an offer naming the Bluetooth endpoint, and a pairing window for its lifetime
        PairingOffer offer = PairingOffer.issue(
                "gw1",
                acceptor.endpoint(),
                gatewayId.fingerprint(),
                Duration.ofMinutes(2),
                Clock.systemUTC(),
                new SecureRandom());
        gatewayControl.powerOn();
        gatewayControl.openPairingWindow(Duration.ofMinutes(2), ExpectedPeer.firstToAsk());
        assertEquals("bt:" + GATEWAY, offer.endpoint());

        // camera: knows the gateway from the offer; BlueZ knows it paired (the pairing itself is
        // BluezBluetoothControlTest's subject)
        BluetoothAddress gatewayFromOffer = BluetoothAddress.fromEndpoint(offer.endpoint());
        String gatewayOnCamera = BLUEZ.addDevice(CAMERA_HCI, gatewayFromOffer, "gateway");
        BLUEZ.pairDevice(CAMERA_HCI, gatewayFromOffer);
        String cameraOnGateway = BLUEZ.addDevice(GATEWAY_HCI, CAMERA, "cam1");
        connector = RfcommLinkConnector.register(cameraBus, CAMERA_HCI, gatewayFromOffer, Duration.ofSeconds(10));

        CompletableFuture<GatewaySaw> gatewaySide = CompletableFuture.supplyAsync(() -> gateway(gatewayId, offer));
        CompletableFuture<CameraSaw> cameraSide = CompletableFuture.supplyAsync(() -> camera(cameraId, offer, file));

        // the test as both bluetoothds: the camera asked for the profile ...
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !BLUEZ.calls(gatewayOnCamera, "ConnectProfile").isEmpty());
        try (FakeRfcomm rfcomm = FakeRfcomm.open()) {
            // ... the gateway's bluetoothd asks its agent about the untrusted camera ...
            BLUEZ.bus()
                    .callOn(
                            Operation.of("AuthorizeService"),
                            Duration.ofSeconds(5),
                            gatewayBus.getUniqueName(),
                            gatewayControl.agentPath(),
                            "org.bluez.Agent1",
                            "AuthorizeService",
                            "os",
                            new DBusPath(cameraOnGateway),
                            SerialPortProfile.UUID);
            // ... and each side gets its end of the RFCOMM socket
            ProfileCaller.newConnection(
                    BLUEZ.bus(),
                    gatewayBus.getUniqueName(),
                    acceptor.profilePath(),
                    cameraOnGateway,
                    rfcomm.bluezEnd());
            ProfileCaller.newConnection(
                    BLUEZ.bus(), cameraBus.getUniqueName(), connector.profilePath(), gatewayOnCamera, rfcomm.peerEnd());

            CameraSaw camera = cameraSide.get(30, TimeUnit.SECONDS);
            GatewaySaw gateway = gatewaySide.get(30, TimeUnit.SECONDS);

            assertEquals("bt:" + CAMERA, gateway.linkPeer());
            assertEquals("bt:" + GATEWAY, camera.linkPeer());
            assertTrue(gateway.proofValid(), "pairing proof verified over the RFCOMM session");
            assertEquals(cameraId.fingerprint(), gateway.cameraKey());
            assertEquals(new Hello(1, 1, "cam1"), gateway.hello());
            assertEquals(camera.event(), gateway.event());
            assertArrayEquals(sha256(file), sha256(gateway.file()));
            assertEquals(
                    List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L), camera.acks());
            assertEquals(new Command(CommandKind.STOP, "c-1"), camera.command());
        }

        // MOTAM pairing done: the gateway trusts the camera at the Bluetooth level too
        gatewayControl.trust(CAMERA);
        assertEquals(Boolean.TRUE, BLUEZ.property(cameraOnGateway, BluezBus.DEVICE, "Trusted"));
    }

    record GatewaySaw(
            String linkPeer,
            io.motam.protocol.session.Fingerprint cameraKey,
            Hello hello,
            boolean proofValid,
            Recognition event,
            byte[] file) {}

    record CameraSaw(String linkPeer, Recognition event, List<Long> acks, Command command) {}

    private GatewaySaw gateway(Identity id, PairingOffer offer) {
        try (Link link = acceptor.accept()) {
            SecureSession session = SessionServer.accept(link.input(), link.output(), id, PeerPolicy.ADMIT_ALL);
            try {
                FrameReader in = new FrameReader(session.in(), FrameFormat.DEFAULT_MAX_PAYLOAD);
                FrameWriter out = new FrameWriter(session.out(), FrameFormat.DEFAULT_MAX_PAYLOAD);
                Hello hello = (Hello) MessageCodec.decode(in.readRequired());
                PairProof proof = (PairProof) MessageCodec.decode(in.readRequired());
                boolean valid = PairingProof.verify(
                        offer.secret(), PairingProof.sessionExporter(session), session.peer(), proof.proof());
                out.write(MessageCodec.toFrame(new Welcome(1, SystemState.RUNNING, 0), 0));
                Frame eventFrame = in.readRequired();
                Recognition event = (Recognition) MessageCodec.decode(eventFrame);
                out.write(MessageCodec.toFrame(new Ack(eventFrame.sequence()), 0));
                ByteArrayOutputStream file = new ByteArrayOutputStream(FILE_SIZE);
                while (file.size() < FILE_SIZE) {
                    Frame chunk = in.readRequired();
                    file.write(chunk.payload());
                    out.write(MessageCodec.toFrame(new Ack(chunk.sequence()), 0));
                }
                out.write(MessageCodec.toFrame(new Command(CommandKind.STOP, "c-1"), 0));
                awaitEnd(in);
                return new GatewaySaw(link.peerAddress(), session.peer(), hello, valid, event, file.toByteArray());
            } finally {
                closeQuietly(session);
            }
        } catch (IOException e) {
            throw new IllegalStateException("gateway side failed", e);
        }
    }

    /**
     * The camera ends the session after reading the command. Its close_notify arrives and Bouncy
     * Castle answers with its own, which over a socket the camera has already shut down (RFCOMM
     * knows no half-close) fails with a broken pipe; so the end is a clean end of stream or that
     * failure, never another frame.
     */
    private static void awaitEnd(FrameReader in) throws IOException {
        try {
            if (in.read().isPresent()) {
                throw new IllegalStateException("expected the end of the session but got another frame");
            }
        } catch (java.net.SocketException endedByPeer) {
            // the peer hung up first: the session is over
        }
    }

    private static void closeQuietly(SecureSession session) {
        try {
            session.close();
        } catch (IOException e) {
            // the peer is gone already
        }
    }

    private CameraSaw camera(Identity id, PairingOffer offer, byte[] file) {
        try (Link link = connector.connect();
                SecureSession session =
                        SessionClient.connect(link.input(), link.output(), id, offer.gatewayFingerprint())) {
            FrameReader in = new FrameReader(session.in(), FrameFormat.DEFAULT_MAX_PAYLOAD);
            FrameWriter out = new FrameWriter(session.out(), FrameFormat.DEFAULT_MAX_PAYLOAD);
            out.write(MessageCodec.toFrame(new Hello(1, 1, "cam1"), 0));
            byte[] proof =
                    PairingProof.compute(offer.secret(), PairingProof.sessionExporter(session), id.fingerprint());
            out.write(MessageCodec.toFrame(new PairProof(proof), 0));
            Message welcome = MessageCodec.decode(in.readRequired());
            if (!(welcome instanceof Welcome)) {
                throw new IllegalStateException("expected WELCOME but was " + welcome);
            }
            Recognition event = new Recognition(
                    UUID.randomUUID(),
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    Verdict.KNOWN,
                    61.5,
                    110.0,
                    1);
            out.write(MessageCodec.toFrame(event, 1));
            List<Long> acks = new java.util.ArrayList<>();
            acks.add(((Ack) MessageCodec.decode(in.readRequired())).sequence());
            long sequence = 2;
            for (int offset = 0; offset < file.length; offset += CHUNK) {
                byte[] chunk = Arrays.copyOfRange(file, offset, Math.min(file.length, offset + CHUNK));
                out.write(new Frame(FrameType.EVENT, sequence++, chunk));
                acks.add(((Ack) MessageCodec.decode(in.readRequired())).sequence());
            }
            Command command = (Command) MessageCodec.decode(in.readRequired());
            return new CameraSaw(link.peerAddress(), event, acks, command);
        } catch (IOException e) {
            throw new IllegalStateException("camera side failed", e);
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
