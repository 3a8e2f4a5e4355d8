package io.motam.link.bluetooth.bluez;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Devices appearing are seen through InterfacesAdded, not by the object manager re-check. */
class DeviceWatchTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    /** Long, so that only the signal can wake the waiter in time, even on a loaded machine. */
    private static final Duration RECHECK = Duration.ofSeconds(8);

    private static final BluetoothAddress CAMERA = BluetoothAddress.parse("B8:27:EB:00:00:01");

    private String adapter;
    private DeviceWatch watch;
    private final List<BluetoothAddress> appeared = new CopyOnWriteArrayList<>();
    private final CountDownLatch seen = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        adapter = BLUEZ.addAdapter("hci0", "gateway");
        watch = DeviceWatch.start(
                new BluezBus(BLUEZ.connect()),
                adapter,
                device -> {
                    appeared.add(device);
                    seen.countDown();
                },
                RECHECK);
    }

    @AfterEach
    void stop() throws Exception {
        watch.close();
        BLUEZ.removeAdapter("hci0");
    }

    @Test
    void await_deviceAddedWhileWaiting_returnsOnTheSignalBeforeAnyRecheck() throws Exception {
        String path = adapter + "/" + CAMERA.objectName();
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            try {
                watch.await(Operation.of("find", CAMERA), path, Instant.now().plusSeconds(20), Clock.systemUTC());
                return System.nanoTime();
            } catch (BluetoothException e) {
                throw new IllegalStateException(e);
            }
        });
        // the waiter's first look at the object manager found nothing
        await().atMost(Duration.ofSeconds(5)).until(() -> watch.lookups() == 1);
        long added = System.nanoTime();
        BLUEZ.addDevice("hci0", CAMERA, "camera");

        long latencyMs = TimeUnit.NANOSECONDS.toMillis(waited.get(20, TimeUnit.SECONDS) - added);
        assertTrue(seen.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(CAMERA), appeared);
        assertEquals(1, watch.lookups(), "woken by the signal, not by a second look");
        assertTrue(latencyMs < RECHECK.toMillis(), "woke " + latencyMs + " ms after InterfacesAdded");
    }

    @Test
    void await_deviceNeverAdded_timesOutAtTheDeadline() {
        BluetoothException e = assertThrows(
                BluetoothException.class,
                () -> watch.await(
                        Operation.of("find", CAMERA),
                        adapter + "/" + CAMERA.objectName(),
                        Instant.now().plus(Duration.ofMillis(300)),
                        Clock.systemUTC()));
        assertEquals(Reason.TIMEOUT, e.reason());
    }
}
