package io.motam.gateway.bluetooth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.link.LinkServer;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import io.motam.link.bluetooth.rfcomm.RfcommLinkAcceptor;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.session.CipherPreference;
import io.motam.protocol.session.Identity;
import io.motam.protocol.uplink.Events;
import io.motam.protocol.uplink.Uplink;
import io.motam.protocol.uplink.UplinkSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * The gateway app's production Bluetooth path ({@code motam.link.transport=bluetooth}) on the
 * BlueZ double, with this test as bluetoothd: {@link GatewayBluetooth} powers the adapter and
 * registers the Serial Port profile server for the {@link LinkServer}; the pairing offer names the
 * adapter ({@code bt:} endpoint) and opens its pairable window; the test hands one end of a
 * socket pair to the gateway's {@code Profile1.NewConnection}, as bluetoothd hands over an
 * incoming RFCOMM socket, and runs the camera's uplink engine ({@link Uplink}) on the other end:
 * it proves the offer's secret, is registered, and its events reach the journal and its file the
 * backup store. (The camera app's own Bluetooth wiring is tested in camera-app.)
 */
@QuarkusTest
@TestProfile(BluetoothGatewayProfile.class)
class GatewayBluetoothLinkTest {
    @Inject
    GatewayBluetooth bluetooth;

    @Inject
    Operator operator;

    @Inject
    LinkServer link;

    @Inject
    Identity gateway;

    @Inject
    CameraRegistry registry;

    @Inject
    EventJournal journal;

    @Inject
    BackupStore backups;

    @Test
    void bluetoothGateway_offerThenIncomingRfcomm_pairsCameraAndStoresItsEventsAndFile() throws Exception {
        var bluez = BluezResource.bluez;
        BluetoothAddress adapterAddress =
                BluetoothAddress.parse((String) bluez.property(BluezResource.adapterPath, BluezBus.ADAPTER, "Address"));
        assertEquals(adapterAddress.toEndpoint(), link.endpoint());
        assertEquals(Boolean.TRUE, bluez.property(BluezResource.adapterPath, BluezBus.ADAPTER, "Powered"));
        List<List<Object>> registered = bluez.calls(BluezBus.MANAGER_PATH, "RegisterProfile");
        List<Object> server = registered.stream()
                .filter(c -> c.get(0).toString().startsWith(RfcommLinkAcceptor.PROFILE_PATH_PREFIX))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("expected a Serial Port server profile but BlueZ got " + registered));
        assertEquals(SerialPortProfile.UUID, server.get(1));

        PairingOffer offer = operator.issueOffer("test").offer().orElseThrow();
        assertEquals(link.endpoint(), offer.endpoint());
        assertEquals(gateway.fingerprint(), offer.gatewayFingerprint());
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        Boolean.TRUE.equals(bluez.property(BluezResource.adapterPath, BluezBus.ADAPTER, "Pairable")));

        // bluetoothd: an incoming RFCOMM connection from the camera's device
        AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
        try (AFUNIXSocketChannel bluezEnd = pair.getSocket1();
                AFUNIXSocketChannel cameraEnd = pair.getSocket2()) {
            int fd = FileDescriptorCast.using(bluezEnd.getFileDescriptor()).as(Integer.class);
            bluez.bus()
                    .callOn(
                            Operation.of("NewConnection"),
                            Duration.ofSeconds(5),
                            bluetooth.busName(),
                            server.get(0).toString(),
                            "org.bluez.Profile1",
                            "NewConnection",
                            "oha{sv}",
                            new DBusPath(BluezResource.cameraPath),
                            new FileDescriptor(fd),
                            Map.<String, Variant<?>>of());

            Path cameraDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bt-camera-");
            Identity camera = Identity.generate("camera-bt");
            Outbox outbox = Outbox.open(cameraDir.resolve("outbox"), 1000);
            FileOutbox files = FileOutbox.open(cameraDir.resolve("files"), FileOutbox.Limits.DEFAULT);
            for (int i = 1; i <= 3; i++) {
                outbox.add(Events.numbered(i));
            }
            byte[] snapshot = "a snapshot over RFCOMM ".repeat(10).getBytes(StandardCharsets.US_ASCII);
            files.enqueue(FileKind.SNAPSHOT, "alert-1.jpg", snapshot);
            var radio = cameraEnd.socket();
            AtomicReference<Link> once = new AtomicReference<>(Link.of(
                    radio.getInputStream(), radio.getOutputStream(), link.endpoint(), () -> {
                        try {
                            radio.close();
                        } catch (IOException e) {
                            // closed already
                        }
                    }));
            List<PairingOffer> paired = new CopyOnWriteArrayList<>();
            Uplink.Target target = new Uplink.Target() {
                @Override
                public Optional<Uplink.Destination> next() {
                    return Optional.of(
                            paired.isEmpty()
                                    ? new Uplink.Destination(
                                            offer.endpoint(), offer.gatewayFingerprint(), Optional.of(offer))
                                    : Uplink.Destination.pinned(offer.endpoint(), offer.gatewayFingerprint()));
                }

                @Override
                public void paired(PairingOffer o) {
                    paired.add(o);
                }
            };
            try (Uplink uplink = new Uplink(
                    "cam-bt",
                    camera,
                    outbox,
                    files,
                    target,
                    endpoint -> {
                        Link t = once.getAndSet(null);
                        if (t == null) {
                            throw new IOException("bluetoothd handed over only one connection");
                        }
                        return t;
                    },
                    new Uplink.Handler() {
                        @Override
                        public void welcomed(io.motam.protocol.message.Welcome welcome) {}

                        @Override
                        public void command(Command command) {}
                    },
                    UplinkSettings.DEFAULT.withCipherPreference(CipherPreference.CHACHA20),
                    new Uplink.Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)),
                    null)) {
                uplink.start();

                await().atMost(Duration.ofSeconds(20)).until(() -> registry.isAuthorised(camera.fingerprint()));
                // the camera learns it is paired from the WELCOME, a moment after the gateway registered it
                await().atMost(Duration.ofSeconds(20)).until(() -> !paired.isEmpty());
                assertEquals(List.of(offer), paired);
                await().atMost(Duration.ofSeconds(20)).until(() -> journal.lastSequence("cam-bt") == 3);
                var stored = await().atMost(Duration.ofSeconds(20))
                        .until(() -> backups.latest("cam-bt", FileKind.SNAPSHOT), Optional::isPresent)
                        .orElseThrow();
                assertArrayEquals(snapshot, backups.readVerified(stored));
            }
        }
        assertTrue(bluetooth.control().isPresent());
    }
}
