package io.motam.link.bluetooth.bluez;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.ExpectedPeer;
import io.motam.link.bluetooth.PairableWindow;
import io.motam.link.bluetooth.PairedDevice;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link BluezBluetoothControl} against python-dbusmock's bluez5 template on a private bus. */
class BluezBluetoothControlTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private static final String HCI = "hci0";
    /** dbusmock derives adapter addresses from the name's last digit: hci0 is 00:01:02:03:04:05. */
    private static final BluetoothAddress ADAPTER = BluetoothAddress.parse("00:01:02:03:04:05");

    private static final BluetoothAddress CAMERA = BluetoothAddress.parse("B8:27:EB:00:00:01");
    private static final BluetoothAddress STRANGER = BluetoothAddress.parse("DC:A6:32:00:00:02");

    private String adapter;
    private DBusConnection connection;
    private BluezBluetoothControl control;

    @BeforeEach
    void start() throws Exception {
        adapter = BLUEZ.addAdapter(HCI, "gateway");
        connection = BLUEZ.connect();
        control = BluezBluetoothControl.start(connection, HCI, Clock.systemUTC(), Set.of());
    }

    @AfterEach
    void stop() throws Exception {
        control.close();
        connection.close();
        BLUEZ.removeAdapter(HCI);
    }

    private boolean adapterFlag(String name) throws BluetoothException {
        return (Boolean) BLUEZ.property(adapter, BluezBus.ADAPTER, name);
    }

    private String device(BluetoothAddress address) {
        return adapter + "/" + address.objectName();
    }

    @Test
    void start_registersAgentAsDefaultWithDisplayYesNo() throws Exception {
        List<List<Object>> registered = BLUEZ.calls(BluezBus.MANAGER_PATH, "RegisterAgent");
        assertEquals(
                control.agentPath(),
                registered.get(registered.size() - 1).get(0).toString());
        assertEquals("DisplayYesNo", registered.get(registered.size() - 1).get(1));
        List<List<Object>> defaults = BLUEZ.calls(BluezBus.MANAGER_PATH, "RequestDefaultAgent");
        assertEquals(
                control.agentPath(), defaults.get(defaults.size() - 1).get(0).toString());
        assertEquals(ADAPTER, control.adapterAddress());
    }

    @Test
    void start_unknownAdapter_throwsDoesNotExist() {
        BluetoothException e = assertThrows(
                BluetoothException.class,
                () -> BluezBluetoothControl.start(connection, "hci7", Clock.systemUTC(), Set.of()));
        assertEquals(Reason.DOES_NOT_EXIST, e.reason());
        assertEquals("org.freedesktop.DBus.Error.UnknownObject", e.dbusError().orElseThrow());
    }

    @Test
    void powerOn_adapterOff_turnsItOnAndReturnsItsAddress() throws Exception {
        BLUEZ.bus().set(BluezBus.Operation.of("switch off"), adapter, BluezBus.ADAPTER, "Powered", Boolean.FALSE);

        assertEquals(ADAPTER, control.powerOn());

        assertTrue(adapterFlag("Powered"));
    }

    @Test
    void openPairingWindow_poweredOff_throwsNotReady() throws Exception {
        BLUEZ.bus().set(BluezBus.Operation.of("switch off"), adapter, BluezBus.ADAPTER, "Powered", Boolean.FALSE);

        BluetoothException e = assertThrows(
                BluetoothException.class,
                () -> control.openPairingWindow(Duration.ofSeconds(5), ExpectedPeer.firstToAsk()));

        assertEquals(Reason.NOT_READY, e.reason());
        assertFalse(adapterFlag("Discoverable"));
    }

    @Test
    void openPairingWindow_isPairableAndDiscoverable_thenClosesByItselfAfterTheDuration() throws Exception {
        BLUEZ.bus().set(BluezBus.Operation.of("start closed"), adapter, BluezBus.ADAPTER, "Pairable", Boolean.FALSE);
        control.powerOn();
        Duration ttl = Duration.ofMillis(1500);
        long opened = System.nanoTime();

        PairableWindow window = control.openPairingWindow(ttl, ExpectedPeer.firstToAsk());

        assertTrue(window.isOpen());
        assertTrue(adapterFlag("Pairable"));
        assertTrue(adapterFlag("Discoverable"));
        // BlueZ's own timeouts are set too, so that the adapter closes even if the gateway dies
        assertEquals(new UInt32(2), BLUEZ.property(adapter, BluezBus.ADAPTER, "DiscoverableTimeout"));
        assertEquals(new UInt32(2), BLUEZ.property(adapter, BluezBus.ADAPTER, "PairableTimeout"));

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !adapterFlag("Discoverable") && !adapterFlag("Pairable"));
        long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);

        assertTrue(closedAfterMs >= ttl.toMillis() - 50, "closed after " + closedAfterMs + " ms");
        assertFalse(window.isOpen());
        assertEquals(PairableWindow.State.CLOSED, window.state());
    }

    @Test
    void pairingWindow_closedEarly_turnsTheAdapterBackAtOnce() throws Exception {
        PairableWindow window = control.openPairingWindow(Duration.ofMinutes(2), ExpectedPeer.exactly(CAMERA));

        window.close();

        assertFalse(adapterFlag("Discoverable"));
        assertFalse(adapterFlag("Pairable"));
        window.close(); // idempotent
    }

    @Test
    void pair_unknownDevice_discoversWithAFilterWaitsForItThenPairs() throws Exception {
        CompletableFuture<Void> pairing = CompletableFuture.runAsync(() -> {
            try {
                control.pair(CAMERA, Duration.ofSeconds(15));
            } catch (BluetoothException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> adapterFlag("Discovering"));

        BLUEZ.addDevice(HCI, CAMERA, "camera"); // the discovery finds it: InterfacesAdded

        pairing.get(15, TimeUnit.SECONDS);
        assertEquals(Boolean.TRUE, BLUEZ.property(device(CAMERA), BluezBus.DEVICE, "Paired"));
        assertFalse(adapterFlag("Discovering"));
        List<List<Object>> filters = BLUEZ.calls(adapter, "SetDiscoveryFilter");
        assertEquals(1, filters.size());
        assertEquals(
                Map.of("Transport", "bredr"), BluezDouble.plain(filters.get(0).get(0)));
        assertEquals(1, BLUEZ.calls(adapter, "StartDiscovery").size());
        assertEquals(1, BLUEZ.calls(adapter, "StopDiscovery").size());
        assertEquals(1, BLUEZ.calls(device(CAMERA), "Pair").size());
    }

    @Test
    void pair_knownDevice_pairsWithoutDiscovery_andAgainIsANoOp() throws Exception {
        BLUEZ.addDevice(HCI, CAMERA, "camera");

        control.pair(CAMERA, Duration.ofSeconds(5));
        control.pair(CAMERA, Duration.ofSeconds(5));

        assertEquals(Boolean.TRUE, BLUEZ.property(device(CAMERA), BluezBus.DEVICE, "Paired"));
        assertEquals(0, BLUEZ.calls(adapter, "StartDiscovery").size());
        assertEquals(1, BLUEZ.calls(device(CAMERA), "Pair").size());
    }

    @Test
    void pair_deviceNeverFound_timesOutAndStopsDiscovery() throws Exception {
        long start = System.nanoTime();

        BluetoothException e =
                assertThrows(BluetoothException.class, () -> control.pair(STRANGER, Duration.ofMillis(1200)));

        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Reason.TIMEOUT, e.reason());
        assertEquals(STRANGER, e.device().orElseThrow());
        assertTrue(tookMs >= 1100 && tookMs < 5000, "took " + tookMs + " ms");
        assertFalse(adapterFlag("Discovering"));
    }

    @Test
    void trust_pairedDevice_setsTrusted() throws Exception {
        BLUEZ.addDevice(HCI, CAMERA, "camera");
        BLUEZ.pairDevice(HCI, CAMERA);

        control.trust(CAMERA);

        assertEquals(Boolean.TRUE, BLUEZ.property(device(CAMERA), BluezBus.DEVICE, "Trusted"));
    }

    @Test
    void trust_deviceBluezDoesNotKnow_throwsDoesNotExistNamingDeviceAndOperation() {
        BluetoothException e = assertThrows(BluetoothException.class, () -> control.trust(STRANGER));

        assertEquals(Reason.DOES_NOT_EXIST, e.reason());
        assertEquals("trust", e.operation());
        assertEquals(STRANGER, e.device().orElseThrow());
        assertTrue(e.dbusError().isPresent());
    }

    @Test
    void throwOut_connectedDevice_isDisconnectedRemoved_andBlockedWhenItShowsUpAgain() throws Exception {
        BLUEZ.addDevice(HCI, CAMERA, "camera");
        BLUEZ.pairDevice(HCI, CAMERA);
        BLUEZ.connectDevice(HCI, CAMERA);
        // the mock's Disconnect acts on its own connected flag, which its Connect sets
        BLUEZ.bus().call(BluezBus.Operation.of("connect"), device(CAMERA), BluezBus.DEVICE, "Connect", null);
        control.trust(CAMERA);
        long disconnects = BLUEZ.loggedCalls("Disconnect");

        control.throwOut(CAMERA);

        assertEquals(disconnects + 1, BLUEZ.loggedCalls("Disconnect"));
        assertEquals(1, BLUEZ.calls(adapter, "RemoveDevice").size());
        assertFalse(BLUEZ.exists(device(CAMERA)), "removed");
        assertEquals(Set.of(CAMERA), control.thrownOut());
        assertTrue(control.pairedDevices().isEmpty());

        BLUEZ.addDevice(HCI, CAMERA, "camera"); // it comes back (connects in, or is discovered)

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Boolean.TRUE.equals(BLUEZ.property(device(CAMERA), BluezBus.DEVICE, "Blocked")));
        BluetoothException e =
                assertThrows(BluetoothException.class, () -> control.pair(CAMERA, Duration.ofSeconds(2)));
        assertEquals(Reason.AUTH_REJECTED, e.reason());
    }

    @Test
    void throwOut_notConnectedOrUnknownDevice_isIdempotent() throws Exception {
        BLUEZ.addDevice(HCI, CAMERA, "camera");

        control.throwOut(CAMERA);
        control.throwOut(CAMERA);
        control.throwOut(STRANGER);

        assertFalse(BLUEZ.exists(device(CAMERA)));
        assertEquals(Set.of(CAMERA, STRANGER), control.thrownOut());
    }

    @Test
    void start_withThrownOutDevicePresent_blocksIt() throws Exception {
        BLUEZ.addDevice(HCI, STRANGER, "stranger");
        try (DBusConnection other = BLUEZ.connect()) {
            control.close();
            control = BluezBluetoothControl.start(other, HCI, Clock.systemUTC(), Set.of(STRANGER));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Boolean.TRUE.equals(BLUEZ.property(device(STRANGER), BluezBus.DEVICE, "Blocked")));
            control.close();
        }
    }

    @Test
    void unblock_thrownOutDevice_clearsBlockedAndAllowsPairingAgain() throws Exception {
        BLUEZ.addDevice(HCI, CAMERA, "camera");
        control.throwOut(CAMERA);
        BLUEZ.addDevice(HCI, CAMERA, "camera");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Boolean.TRUE.equals(BLUEZ.property(device(CAMERA), BluezBus.DEVICE, "Blocked")));

        control.unblock(CAMERA);

        assertEquals(Boolean.FALSE, BLUEZ.property(device(CAMERA), BluezBus.DEVICE, "Blocked"));
        assertTrue(control.thrownOut().isEmpty());
        control.pair(CAMERA, Duration.ofSeconds(5));
        assertEquals(Boolean.TRUE, BLUEZ.property(device(CAMERA), BluezBus.DEVICE, "Paired"));
    }

    @Test
    void pairedDevices_listsOnlyPairedDevicesOfThisAdapterWithTheirFlags() throws Exception {
        BLUEZ.addDevice(HCI, STRANGER, "stranger");
        BLUEZ.addDevice(HCI, CAMERA, "camera");
        BLUEZ.pairDevice(HCI, CAMERA);
        control.trust(CAMERA);

        assertEquals(List.of(new PairedDevice(CAMERA, "camera", true, false, false)), control.pairedDevices());
    }

    @Test
    void close_thenAnyOperation_throwsClosed() {
        control.close();

        BluetoothException e = assertThrows(BluetoothException.class, control::powerOn);
        assertEquals(Reason.CLOSED, e.reason());
    }
}
