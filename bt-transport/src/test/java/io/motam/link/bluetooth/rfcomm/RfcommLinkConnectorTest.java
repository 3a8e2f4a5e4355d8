package io.motam.link.bluetooth.rfcomm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezDouble;
import io.motam.link.bluetooth.rfcomm.ProfileCaller.FakeRfcomm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The camera's RFCOMM connector: client profile, {@code ConnectProfile}, and the bounded wait. */
class RfcommLinkConnectorTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private static final String HCI = "hci1";
    private static final BluetoothAddress GATEWAY = BluetoothAddress.parse("B8:27:EB:00:00:0A");
    private static final BluetoothAddress STRANGER = BluetoothAddress.parse("DC:A6:32:00:00:02");

    private String adapter;
    private String gateway;
    private DBusConnection connection;
    private RfcommLinkConnector connector;

    @BeforeEach
    void start() throws Exception {
        adapter = BLUEZ.addAdapter(HCI, "camera");
        gateway = BLUEZ.addDevice(HCI, GATEWAY, "gateway");
        BLUEZ.pairDevice(HCI, GATEWAY);
        connection = BLUEZ.connect();
        connector = RfcommLinkConnector.register(connection, HCI, GATEWAY, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        connection.close();
        BLUEZ.removeAdapter(HCI);
    }

    private CompletableFuture<Link> connectAsync(RfcommLinkConnector c) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return c.connect();
            } catch (BluetoothException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void register_registersASerialPortClientProfile() throws Exception {
        List<List<Object>> calls = BLUEZ.calls(BluezBus.MANAGER_PATH, "RegisterProfile");
        List<Object> last = calls.get(calls.size() - 1);

        assertEquals(connector.profilePath(), last.get(0).toString());
        assertEquals(SerialPortProfile.UUID, last.get(1));
        Map<String, Object> options = BluezDouble.plain(last.get(2));
        assertEquals("client", options.get("Role"));
        assertEquals(Boolean.TRUE, options.get("RequireAuthentication"));
    }

    @Test
    void connect_asksBluezToConnectTheProfile_andReturnsTheSocketFromNewConnection() throws Exception {
        CompletableFuture<Link> connecting = connectAsync(connector);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !BLUEZ.calls(gateway, "ConnectProfile").isEmpty());
        assertEquals(
                List.of(SerialPortProfile.UUID),
                BLUEZ.calls(gateway, "ConnectProfile").get(0));

        try (FakeRfcomm rfcomm = FakeRfcomm.open()) {
            ProfileCaller.newConnection(
                    BLUEZ.bus(), connection.getUniqueName(), connector.profilePath(), gateway, rfcomm);
            try (Link link = connecting.get(5, TimeUnit.SECONDS)) {
                assertEquals("bt:" + GATEWAY, link.peerAddress());
                link.output().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals(
                        "ping".getBytes(StandardCharsets.US_ASCII),
                        rfcomm.peerEnd().socket().getInputStream().readNBytes(4));
            }
        }
    }

    @Test
    void connect_bluezHandsNoSocket_timesOutAfterTheConnectTimeout() throws Exception {
        try (RfcommLinkConnector quick =
                RfcommLinkConnector.register(BLUEZ.connect(), "hci1", GATEWAY, Duration.ofMillis(700))) {
            long start = System.nanoTime();

            BluetoothException e = assertThrows(BluetoothException.class, quick::connect);

            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Reason.TIMEOUT, e.reason());
            assertEquals(GATEWAY, e.device().orElseThrow());
            assertTrue(tookMs >= 600 && tookMs < 4000, "took " + tookMs + " ms");
        }
    }

    @Test
    void connect_gatewayNotKnownToBluez_throwsDoesNotExist() throws Exception {
        try (RfcommLinkConnector toStranger =
                RfcommLinkConnector.register(BLUEZ.connect(), HCI, STRANGER, Duration.ofSeconds(2))) {
            BluetoothException e = assertThrows(BluetoothException.class, toStranger::connect);

            assertEquals(Reason.DOES_NOT_EXIST, e.reason());
            assertEquals("connect profile", e.operation());
        }
    }

    @Test
    void newConnection_withNoConnectWaiting_isRejectedAndShutDown() throws Exception {
        try (FakeRfcomm rfcomm = FakeRfcomm.open()) {
            BluetoothException e = assertThrows(
                    BluetoothException.class,
                    () -> ProfileCaller.newConnection(
                            BLUEZ.bus(), connection.getUniqueName(), connector.profilePath(), gateway, rfcomm));

            assertEquals("org.bluez.Error.Rejected", e.dbusError().orElseThrow());
            assertEquals(-1, rfcomm.peerEnd().socket().getInputStream().read());
        }
    }

    @Test
    void newConnection_fromAnotherDeviceWhileConnecting_isRejected() throws Exception {
        CompletableFuture<Link> connecting = connectAsync(connector);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !BLUEZ.calls(gateway, "ConnectProfile").isEmpty());

        try (FakeRfcomm rfcomm = FakeRfcomm.open()) {
            BluetoothException e = assertThrows(
                    BluetoothException.class,
                    () -> ProfileCaller.newConnection(
                            BLUEZ.bus(),
                            connection.getUniqueName(),
                            connector.profilePath(),
                            adapter + "/" + STRANGER.objectName(),
                            rfcomm));
            assertEquals("org.bluez.Error.Rejected", e.dbusError().orElseThrow());
        }
        connector.close();
        assertThrows(Exception.class, () -> connecting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void release_thenConnect_registersTheProfileAgain() throws Exception {
        ProfileCaller.release(BLUEZ.bus(), connection.getUniqueName(), connector.profilePath());
        int registered = BLUEZ.calls(BluezBus.MANAGER_PATH, "RegisterProfile").size();

        CompletableFuture<Link> connecting = connectAsync(connector);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !BLUEZ.calls(gateway, "ConnectProfile").isEmpty());
        try (FakeRfcomm rfcomm = FakeRfcomm.open()) {
            ProfileCaller.newConnection(
                    BLUEZ.bus(), connection.getUniqueName(), connector.profilePath(), gateway, rfcomm);
            connecting.get(5, TimeUnit.SECONDS).close();
        }

        assertEquals(
                registered + 1,
                BLUEZ.calls(BluezBus.MANAGER_PATH, "RegisterProfile").size());
    }
}
