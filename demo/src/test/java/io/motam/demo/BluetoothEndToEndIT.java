package io.motam.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import io.motam.link.bluetooth.bluez.BluezDouble;
import io.motam.link.bluetooth.rfcomm.RfcommLinkAcceptor;
import io.motam.link.bluetooth.rfcomm.RfcommLinkConnector;
import io.motam.testing.Mosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * The production Bluetooth path end to end: the packaged gateway and camera, both with
 * {@code motam.link.transport=bluetooth}, on the BlueZ double (python3-dbusmock's {@code bluez5}
 * template on a private bus: adapter hci0 is the gateway's, hci1 the camera's), with this test as
 * bluetoothd. The gateway ({@code GatewayBluetooth}) powers hci0 and registers the Serial Port
 * server profile; its pairing offer names {@code bt:<hci0>}; the camera reads the offer, and its
 * {@code BluetoothDialer} discovers, pairs, trusts and asks for the profile
 * ({@code Device1.ConnectProfile}). Then the test does what bluetoothd does with an RFCOMM
 * connection: it hands the two ends of one socket pair to the camera's and the gateway's
 * {@code Profile1.NewConnection}. Over it the camera proves the offer's secret, and its events and
 * a file (a rotated log) reach the gateway, seen on MQTT by an independent client.
 */
class BluetoothEndToEndIT {
    private static final String GW = "gw-bt";
    private static final String BASE = "motam/" + GW + "/";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    @TempDir
    Path tmp;

    private final RunningApps apps = new RunningApps("bt-e2e");
    private final List<AFUNIXSocketChannel> sockets = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        apps.close();
        for (AFUNIXSocketChannel s : sockets) {
            s.close();
        }
    }

    @Test
    void bothAppsOnBluetooth_testAsBluetoothd_pairsThenEventsAndAFileReachTheGateway() throws Exception {
        Path repo = RunningApps.repo();
        Path footage = RunningApps.footage(repo);
        String gatewayAdapter = BLUEZ.addAdapter("hci0", "motam-gateway");
        String cameraAdapter = BLUEZ.addAdapter("hci1", "motam-camera");
        BluetoothAddress gatewayAddress = address(gatewayAdapter);
        BluetoothAddress cameraAddress = address(cameraAdapter);
        // the gateway's BlueZ knows the camera's device (it connects to the gateway's adapter)
        String cameraOnGateway = BLUEZ.addDevice("hci0", cameraAddress, "motam-camera");

        Mosquitto broker = apps.add(new Mosquitto(tmp.resolve("mosquitto")).start());
        MqttRecorder watcher = apps.add(new MqttRecorder(broker.port(), BASE + "#"));

        Map<String, String> gw = Launch.gateway(
                GW,
                tmp.resolve("gateway"),
                Launch.freePort(),
                "127.0.0.1",
                broker.port(),
                Launch.releaseCodeHash(repo, Launch.newReleaseCode()));
        gw.put("motam.link.transport", "bluetooth");
        gw.put("motam.link.bluetooth.bus-address", BLUEZ.address());
        gw.put("motam.link.bluetooth.adapter", "hci0");
        apps.add(AppProcess.start("gateway", repo, "gateway-app", gw, apps.output::add));

        Map<String, String> cam = Launch.camera(
                "cam-bt",
                tmp.resolve("camera"),
                tmp.resolve("gateway"),
                footage.resolve("franck.mp4").toString(),
                0);
        cam.put("motam.link.transport", "bluetooth");
        cam.put("motam.link.bluetooth.bus-address", BLUEZ.address());
        cam.put("motam.link.bluetooth.adapter", "hci1");
        cam.put("quarkus.log.file.rotation.max-file-size", "4K"); // a rotated log within the run...
        cam.put("motam.link.log-ship-interval", "2s"); // ...shipped to the gateway's backup store
        apps.add(AppProcess.start("camera", repo, "camera-app", cam, apps.output::add));

        // the camera read the bt: offer: its discovery finds the gateway's adapter, then Pair, Trusted, ConnectProfile
        await("camera discovering")
                .atMost(PATIENCE)
                .until(() -> Boolean.TRUE.equals(BLUEZ.property(cameraAdapter, BluezBus.ADAPTER, "Discovering")));
        String gatewayOnCamera = BLUEZ.addDevice("hci1", gatewayAddress, "motam-gateway");
        await("camera asks for the Serial Port profile")
                .atMost(PATIENCE)
                .until(() -> !BLUEZ.calls(gatewayOnCamera, "ConnectProfile").isEmpty());
        assertEquals(Boolean.TRUE, BLUEZ.property(gatewayOnCamera, BluezBus.DEVICE, "Paired"));
        assertEquals(Boolean.TRUE, BLUEZ.property(gatewayOnCamera, BluezBus.DEVICE, "Trusted"));
        assertEquals(
                List.of(SerialPortProfile.UUID),
                BLUEZ.calls(gatewayOnCamera, "ConnectProfile").get(0));

        // bluetoothd: one RFCOMM connection, its two ends handed to the two registered profiles
        String serverProfile = RfcommLinkAcceptor.PROFILE_PATH_PREFIX + "hci0";
        String clientProfile = RfcommLinkConnector.PROFILE_PATH_PREFIX + "hci1";
        AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
        sockets.add(pair.getSocket1());
        sockets.add(pair.getSocket2());
        newConnection(exporter(clientProfile), clientProfile, gatewayOnCamera, pair.getSocket1());
        newConnection(exporter(serverProfile), serverProfile, cameraOnGateway, pair.getSocket2());

        await("camera paired: the gateway grants it")
                .atMost(PATIENCE)
                .until(() -> watcher.any(
                        BASE + "events/authorisation",
                        p -> p.contains("\"camera\":\"cam-bt\"") && p.contains("GRANTED")));
        await("camera enrolled: its mode event reached the gateway")
                .atMost(PATIENCE)
                .until(() -> watcher.any(
                        BASE + "events/mode",
                        p -> p.contains("\"camera\":\"cam-bt\"") && p.contains("\"to\":\"NORMAL\"")));
        await("recognition events reached the gateway")
                .atMost(PATIENCE)
                .until(() -> watcher.any(BASE + "events/recognition", p -> p.contains("\"camera\":\"cam-bt\"")));
        await("a rotated camera log stored by the gateway")
                .atMost(PATIENCE)
                .until(() -> watcher.any(
                        BASE + "events/backup",
                        p -> p.contains("\"kind\":\"LOG\"")
                                && p.contains("\"camera\":\"cam-bt\"")
                                && p.contains("\"outcome\":\"STORED\"")));
        assertTrue(
                apps.output.stream()
                        .anyMatch(l ->
                                l.startsWith("gateway") && l.contains("RFCOMM link from " + cameraAddress.value())),
                "the gateway took the link as an RFCOMM link from the camera's device");
    }

    private static BluetoothAddress address(String adapterPath) throws BluetoothException {
        return BluetoothAddress.parse(String.valueOf(BLUEZ.property(adapterPath, BluezBus.ADAPTER, "Address")));
    }

    /** The bus name of the app that exports the {@code Profile1} object at {@code path}. */
    private static String exporter(String path) throws BluetoothException {
        Object[] names = BLUEZ.bus()
                .callOn(
                        Operation.of("ListNames"),
                        Duration.ofSeconds(5),
                        "org.freedesktop.DBus",
                        "/org/freedesktop/DBus",
                        "org.freedesktop.DBus",
                        "ListNames",
                        null);
        List<String> unique = (names[0] instanceof Object[] a ? Arrays.stream(a) : ((List<?>) names[0]).stream())
                .map(String::valueOf)
                .filter(n -> n.startsWith(":"))
                .filter(n -> !n.equals(BLUEZ.connection().getUniqueName()))
                .toList();
        for (String name : unique) {
            try {
                Object[] xml = BLUEZ.bus()
                        .callOn(
                                Operation.of("Introspect"),
                                Duration.ofSeconds(2),
                                name,
                                path,
                                "org.freedesktop.DBus.Introspectable",
                                "Introspect",
                                null);
                if (String.valueOf(xml[0]).contains("org.bluez.Profile1")) {
                    return name;
                }
            } catch (BluetoothException notThere) {
                // another connection (BlueZ's double, the other app): it exports no such object
            }
        }
        throw new AssertionError("expected an app exporting " + path + " but none of " + unique + " does");
    }

    /** {@code Profile1.NewConnection(device, fd, {})}, as bluetoothd calls it with an RFCOMM socket. */
    private static void newConnection(String busName, String profile, String device, AFUNIXSocketChannel end)
            throws Exception {
        int fd = FileDescriptorCast.using(end.getFileDescriptor()).as(Integer.class);
        BLUEZ.bus()
                .callOn(
                        Operation.of("NewConnection"),
                        Duration.ofSeconds(5),
                        busName,
                        profile,
                        "org.bluez.Profile1",
                        "NewConnection",
                        "oha{sv}",
                        new DBusPath(device),
                        new FileDescriptor(fd),
                        Map.<String, Variant<?>>of());
    }
}
