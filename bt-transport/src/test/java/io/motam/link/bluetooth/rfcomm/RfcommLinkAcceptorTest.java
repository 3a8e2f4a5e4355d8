package io.motam.link.bluetooth.rfcomm;

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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.UInt16;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway's RFCOMM acceptor: profile registration and BlueZ's calls to our Profile1. */
class RfcommLinkAcceptorTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private static final String HCI = "hci0";
    private static final BluetoothAddress CAMERA = BluetoothAddress.parse("B8:27:EB:00:00:01");

    private String adapter;
    private DBusConnection connection;
    private RfcommLinkAcceptor acceptor;

    @BeforeEach
    void start() throws Exception {
        adapter = BLUEZ.addAdapter(HCI, "gateway");
        connection = BLUEZ.connect();
        acceptor = RfcommLinkAcceptor.register(connection, HCI, 3);
    }

    @AfterEach
    void stop() throws Exception {
        acceptor.close();
        connection.close();
        BLUEZ.removeAdapter(HCI);
    }

    private String camera() {
        return adapter + "/" + CAMERA.objectName();
    }

    /** A new connection handed to the acceptor as BlueZ would. */
    private FakeRfcomm connectCamera(String devicePath) throws Exception {
        FakeRfcomm rfcomm = FakeRfcomm.open();
        try {
            ProfileCaller.newConnection(
                    BLUEZ.bus(), connection.getUniqueName(), acceptor.profilePath(), devicePath, rfcomm);
            return rfcomm;
        } catch (Exception e) {
            rfcomm.close();
            throw e;
        }
    }

    @Test
    void register_registersTheSerialPortServerOnTheChannelWithAuthenticationAndAuthorization() throws Exception {
        List<List<Object>> calls = BLUEZ.calls(BluezBus.MANAGER_PATH, "RegisterProfile");
        List<Object> last = calls.get(calls.size() - 1);

        assertEquals(acceptor.profilePath(), last.get(0).toString());
        assertEquals(SerialPortProfile.UUID, last.get(1));
        Map<String, Object> options = BluezDouble.plain(last.get(2));
        assertEquals("server", options.get("Role"));
        assertEquals(new UInt16(3), options.get("Channel"));
        assertEquals(Boolean.TRUE, options.get("RequireAuthentication"));
        assertEquals(Boolean.TRUE, options.get("RequireAuthorization"));
        assertEquals("bt:00:01:02:03:04:05", acceptor.endpoint());
    }

    @Test
    void newConnection_socketPairEnd_acceptReturnsALinkCarryingBytesBothWays() throws Exception {
        try (FakeRfcomm rfcomm = connectCamera(camera());
                Link link = acceptor.accept()) {
            assertEquals("bt:" + CAMERA, link.peerAddress());
            InputStream cameraIn = rfcomm.peerEnd().socket().getInputStream();
            OutputStream cameraOut = rfcomm.peerEnd().socket().getOutputStream();

            cameraOut.write("hello gateway".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(
                    "hello gateway".getBytes(StandardCharsets.US_ASCII),
                    link.input().readNBytes(13));
            link.output().write("hello camera".getBytes(StandardCharsets.US_ASCII));
            link.output().flush();
            assertArrayEquals("hello camera".getBytes(StandardCharsets.US_ASCII), cameraIn.readNBytes(12));

            link.close();
            assertEquals(-1, cameraIn.read(), "the camera sees the link end");
        }
    }

    @Test
    void newConnection_deviceOfAnotherAdapter_isRejectedAndShutDown() throws Exception {
        try (FakeRfcomm rfcomm = FakeRfcomm.open()) {
            BluetoothException e = assertThrows(
                    BluetoothException.class,
                    () -> ProfileCaller.newConnection(
                            BLUEZ.bus(),
                            connection.getUniqueName(),
                            acceptor.profilePath(),
                            "/org/bluez/hci9/" + CAMERA.objectName(),
                            rfcomm));

            assertEquals("org.bluez.Error.Rejected", e.dbusError().orElseThrow());
            assertEquals(-1, rfcomm.peerEnd().socket().getInputStream().read(), "refused socket is shut down");
        }
    }

    @Test
    void requestDisconnection_closesTheDevicesLinkAndWakesItsReader() throws Exception {
        try (FakeRfcomm rfcomm = connectCamera(camera());
                Link link = acceptor.accept()) {
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return link.input().read();
                } catch (java.io.IOException ex) {
                    return -2;
                }
            });

            ProfileCaller.requestDisconnection(
                    BLUEZ.bus(), connection.getUniqueName(), acceptor.profilePath(), camera());

            assertTrue(reader.get(5, TimeUnit.SECONDS) < 0, "blocked reader woke with end of stream or an error");
            assertEquals(-1, rfcomm.peerEnd().socket().getInputStream().read());
        }
    }

    @Test
    void release_makesAcceptFailWithReleased() throws Exception {
        CompletableFuture<BluetoothException> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                acceptor.accept();
                return null;
            } catch (BluetoothException e) {
                return e;
            }
        });

        ProfileCaller.release(BLUEZ.bus(), connection.getUniqueName(), acceptor.profilePath());

        assertEquals(Reason.RELEASED, waiting.get(5, TimeUnit.SECONDS).reason());
        assertEquals(RfcommLinkAcceptor.State.RELEASED, acceptor.state());
    }

    @Test
    void close_wakesABlockedAccept_unregistersTheProfile_andLaterConnectionsFail() throws Exception {
        CompletableFuture<BluetoothException> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                acceptor.accept();
                return null;
            } catch (BluetoothException e) {
                return e;
            }
        });

        acceptor.close();

        assertEquals(Reason.CLOSED, waiting.get(5, TimeUnit.SECONDS).reason());
        List<List<Object>> unregistered = BLUEZ.calls(BluezBus.MANAGER_PATH, "UnregisterProfile");
        assertEquals(
                acceptor.profilePath(),
                unregistered.get(unregistered.size() - 1).get(0).toString());
        assertThrows(BluetoothException.class, () -> connectCamera(camera()));
    }

    @Test
    void newConnection_backlogFull_isRejected() throws Exception {
        List<FakeRfcomm> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < RfcommLinkAcceptor.BACKLOG; i++) {
                waiting.add(connectCamera(camera()));
            }

            BluetoothException e = assertThrows(BluetoothException.class, () -> connectCamera(camera()));

            assertEquals("org.bluez.Error.Rejected", e.dbusError().orElseThrow());
            for (int i = 0; i < RfcommLinkAcceptor.BACKLOG; i++) {
                acceptor.accept().close();
            }
        } finally {
            for (FakeRfcomm rfcomm : waiting) {
                rfcomm.close();
            }
        }
    }
}
