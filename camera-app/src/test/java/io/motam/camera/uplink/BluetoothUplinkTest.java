package io.motam.camera.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.pairing.OfferInbox;
import io.motam.domain.FileKind;
import io.motam.domain.SystemState;
import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import io.motam.link.bluetooth.bluez.BluezDouble;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingProof;
import io.motam.protocol.session.CipherPreference;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.Identity;
import io.motam.protocol.uplink.Events;
import io.motam.protocol.uplink.Gate;
import io.motam.protocol.uplink.GatewayConnection;
import io.motam.protocol.uplink.Harness;
import io.motam.protocol.uplink.MemorySink;
import io.motam.protocol.uplink.PairingAttempt;
import io.motam.protocol.uplink.Uplink;
import io.motam.protocol.uplink.UplinkSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * The camera's production Bluetooth path on the BlueZ double, with this test as bluetoothd: the
 * camera reads a {@code bt:} pairing offer ({@link GatewayTarget}), its {@link BluetoothDialer}
 * discovers, pairs and trusts the gateway's adapter and asks for the Serial Port profile
 * ({@code Device1.ConnectProfile}); the test then hands one end of a socket pair to the camera's
 * {@code Profile1.NewConnection}, as bluetoothd hands the RFCOMM socket over, and serves the
 * other end with the gateway's protocol engine ({@link GatewayConnection} through motam-shared's
 * {@link Harness}). Over it (TLS_CHACHA20_POLY1305_SHA256: the camera prefers it, as one without
 * AES instructions does) the camera proves the pairing secret, then delivers its events and a
 * file. (The gateway app's own Bluetooth wiring is tested in gateway-app.)
 */
class BluetoothUplinkTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private static final String HCI = "hci0";
    private static final BluetoothAddress GATEWAY = BluetoothAddress.parse("B8:27:EB:00:00:0A");

    @TempDir
    Path dir;

    private String adapter;
    private BluetoothDialer dialer;
    private Harness gateway;
    private Uplink uplink;
    private final List<AFUNIXSocketChannel> sockets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        adapter = BLUEZ.addAdapter(HCI, "camera");
        dialer = new BluetoothDialer(Optional.of(BLUEZ.address()), HCI, Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) {
            uplink.close();
        }
        dialer.close();
        for (AFUNIXSocketChannel s : sockets) {
            s.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        BLUEZ.removeAdapter(HCI);
    }

    /** A gateway that admits exactly the camera whose PAIR_PROOF is right for {@code offer}'s secret. */
    private static Gate pairingGate(PairingOffer offer) {
        return new Gate() {
            private volatile Fingerprint paired;

            @Override
            public boolean mayHandshake(Fingerprint key, String address) {
                return true;
            }

            @Override
            public boolean isRegistered(Fingerprint key) {
                return key.equals(paired);
            }

            @Override
            public boolean authorise(
                    String cameraId, Fingerprint key, Optional<PairingAttempt> pairing, String address) {
                if (key.equals(paired)) {
                    return true;
                }
                if (pairing.isPresent()
                        && PairingProof.verify(
                                offer.secret(),
                                pairing.get().sessionExporter(),
                                key,
                                pairing.get().proof())) {
                    paired = key;
                    return true;
                }
                return false;
            }

            @Override
            public boolean attach(GatewayConnection receiver) {
                return true;
            }

            @Override
            public void detach(GatewayConnection receiver) {}

            @Override
            public SystemState systemState() {
                return SystemState.RUNNING;
            }
        };
    }

    @Test
    void bluetoothUplink_fromABtOffer_discoversPairsConnectsThenDeliversEventsAndAFile() throws Exception {
        Identity gatewayKey = Identity.generate("gateway-bt");
        Identity cameraKey = Identity.generate("camera-bt");
        PairingOffer offer = PairingOffer.issue(
                "gw1",
                GATEWAY.toEndpoint(),
                gatewayKey.fingerprint(),
                Duration.ofMinutes(2),
                Clock.systemUTC(),
                new SecureRandom());
        Path offerFile = Files.writeString(dir.resolve("offer.txt"), offer.encode());
        gateway = new Harness(dir.resolve("gateway-side"), pairingGate(offer), gatewayKey, cameraKey);

        Outbox outbox = Outbox.open(dir.resolve("camera").resolve("outbox"), 1000);
        FileOutbox files = FileOutbox.open(dir.resolve("camera").resolve("files"), FileOutbox.Limits.DEFAULT);
        for (int i = 1; i <= 3; i++) {
            outbox.add(Events.numbered(i));
        }
        byte[] snapshot = "not really a jpeg, but 200 bytes of it ".repeat(5).getBytes(StandardCharsets.US_ASCII);
        files.enqueue(FileKind.SNAPSHOT, "alert-1.jpg", snapshot);
        List<SystemState> welcomes = new CopyOnWriteArrayList<>();

        uplink = new Uplink(
                "cam1",
                cameraKey,
                outbox,
                files,
                new GatewayTarget(dir.resolve("camera"), new OfferInbox(), Optional.of(offerFile)),
                dialer::dial,
                new Uplink.Handler() {
                    @Override
                    public void welcomed(io.motam.protocol.message.Welcome welcome) {
                        welcomes.add(welcome.systemState());
                    }

                    @Override
                    public void command(Command command) {}
                },
                UplinkSettings.DEFAULT.withCipherPreference(CipherPreference.CHACHA20),
                new Uplink.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                gateway.timers);
        uplink.start();

        // bluetoothd: the camera's discovery finds the gateway's adapter, then pairing, trust, ConnectProfile
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Boolean.TRUE.equals(BLUEZ.property(adapter, BluezBus.ADAPTER, "Discovering")));
        String device = BLUEZ.addDevice(HCI, GATEWAY, "motam-gateway");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !BLUEZ.calls(device, "ConnectProfile").isEmpty());
        assertEquals(Boolean.TRUE, BLUEZ.property(device, BluezBus.DEVICE, "Paired"));
        assertEquals(Boolean.TRUE, BLUEZ.property(device, BluezBus.DEVICE, "Trusted"));
        assertEquals(1, BLUEZ.calls(device, "Pair").size());
        assertEquals(
                List.of(SerialPortProfile.UUID),
                BLUEZ.calls(device, "ConnectProfile").get(0));

        // bluetoothd hands the RFCOMM socket to the camera's profile; the other end is the gateway's
        List<List<Object>> registered = BLUEZ.calls(BluezBus.MANAGER_PATH, "RegisterProfile");
        String profile = registered.get(registered.size() - 1).get(0).toString();
        AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
        sockets.add(pair.getSocket1());
        sockets.add(pair.getSocket2());
        int fd = FileDescriptorCast.using(pair.getSocket1().getFileDescriptor()).as(Integer.class);
        BLUEZ.bus()
                .callOn(
                        Operation.of("NewConnection"),
                        Duration.ofSeconds(5),
                        dialer.busName(),
                        profile,
                        "org.bluez.Profile1",
                        "NewConnection",
                        "oha{sv}",
                        new DBusPath(device),
                        new FileDescriptor(fd),
                        Map.<String, Variant<?>>of());
        var radio = pair.getSocket2().socket();
        gateway.serve(Link.of(radio.getInputStream(), radio.getOutputStream(), "bt:CA:FE:00:00:00:01", () -> {
            try {
                radio.close();
            } catch (IOException e) {
                // closed already
            }
        }));

        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.sink.count() == 3);
        assertEquals(
                List.of(Events.numbered(1), Events.numbered(2), Events.numbered(3)),
                gateway.sink.delivered().stream()
                        .map(MemorySink.Delivered::event)
                        .toList());
        assertEquals(1, welcomes.size());
        Path received = await().atMost(Duration.ofSeconds(30))
                .until(() -> receivedFile(dir.resolve("gateway-side")), Optional::isPresent)
                .orElseThrow();
        assertArrayEquals(snapshot, Files.readAllBytes(received));
        assertTrue(
                Files.readString(dir.resolve("camera").resolve("gateway.properties"))
                        .contains(gatewayKey.fingerprint().toString()),
                "the camera pinned the gateway's key after pairing");
    }

    private static Optional<Path> receivedFile(Path gatewaySide) throws IOException {
        if (!Files.isDirectory(gatewaySide)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.walk(gatewaySide)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith("alert-1.jpg"))
                    .findFirst();
        }
    }
}
