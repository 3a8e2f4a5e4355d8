package io.motam.link.bluetooth.bluez;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;
import org.jboss.logging.Logger;

/**
 * Watches BlueZ's {@code InterfacesAdded} signals for device objects appearing under one
 * adapter: a discovery that finds a device, or a device connecting in. Callers can wait for a
 * given device ({@link #await}); every appearance is also passed to a listener (the control uses
 * it to block thrown-out devices the moment they show up again).
 *
 * <p>Signals can be missed (subscribed too late, dropped), so {@link #await} also looks at the
 * object manager itself: once right away and then every {@link #RECHECK} while the signal does
 * not come, never past the deadline. There are no fixed sleeps.
 */
final class DeviceWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeviceWatch.class);

    /** How often {@link #await} asks the object manager while no signal came. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private final BluezBus bus;
    private final String adapterPath;
    private final Consumer<BluetoothAddress> onAppear;
    private final Duration recheck;
    private final Map<String, List<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;
    private final AtomicInteger lookups = new AtomicInteger();

    private DeviceWatch(BluezBus bus, String adapterPath, Consumer<BluetoothAddress> onAppear, Duration recheck)
            throws DBusException {
        this.bus = bus;
        this.adapterPath = adapterPath;
        this.onAppear = onAppear;
        this.recheck = recheck;
        this.subscription = bus.connection().addSigHandler(ObjectManager.InterfacesAdded.class, this::interfacesAdded);
    }

    /** Subscribes to {@code InterfacesAdded} for devices under {@code adapterPath}. */
    static DeviceWatch start(BluezBus bus, String adapterPath, Consumer<BluetoothAddress> onAppear)
            throws BluetoothException {
        return start(bus, adapterPath, onAppear, RECHECK);
    }

    /** As {@link #start(BluezBus, String, Consumer)} with another re-check interval (tests). */
    static DeviceWatch start(BluezBus bus, String adapterPath, Consumer<BluetoothAddress> onAppear, Duration recheck)
            throws BluetoothException {
        Objects.requireNonNull(onAppear, "onAppear");
        try {
            return new DeviceWatch(bus, adapterPath, onAppear, recheck);
        } catch (DBusException e) {
            throw new BluetoothException(
                    Reason.SERVICE_UNAVAILABLE,
                    "watch devices",
                    null,
                    null,
                    "cannot subscribe to InterfacesAdded: " + e.getMessage(),
                    e);
        }
    }

    private void interfacesAdded(ObjectManager.InterfacesAdded signal) {
        String path = signal.getSignalSource() == null
                ? null
                : signal.getSignalSource().getPath();
        Map<String, Map<String, Variant<?>>> interfaces = signal.getInterfaces();
        if (path == null
                || !path.startsWith(adapterPath + "/")
                || interfaces == null
                || !interfaces.containsKey(BluezBus.DEVICE)) {
            return;
        }
        LOG.debugf("Device object appeared: %s", path);
        List<CompletableFuture<Void>> pending = waiters.remove(path);
        if (pending != null) {
            pending.forEach(f -> f.complete(null));
        }
        BluetoothAddress.fromObjectPath(path).ifPresent(device -> {
            try {
                onAppear.accept(device);
            } catch (RuntimeException e) {
                LOG.warnf("Handling the appearance of %s failed: %s", device, e);
            }
        });
    }

    /**
     * Waits until BlueZ has a device object at {@code devicePath}.
     *
     * @throws BluetoothException {@code TIMEOUT} at the deadline, or a failure asking BlueZ
     */
    void await(Operation op, String devicePath, Instant deadline, Clock clock) throws BluetoothException {
        CompletableFuture<Void> appeared = new CompletableFuture<>();
        waiters.computeIfAbsent(devicePath, p -> new CopyOnWriteArrayList<>()).add(appeared);
        try {
            while (true) {
                boolean found = exists(op, devicePath);
                lookups.incrementAndGet();
                if (found) {
                    return;
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw op.fail(
                            Reason.TIMEOUT, null, "device " + devicePath + " did not appear before the deadline", null);
                }
                Duration wait = left.compareTo(recheck) < 0 ? left : recheck;
                try {
                    appeared.get(wait.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    // no signal yet: ask the object manager again
                } catch (ExecutionException e) {
                    throw op.fail(Reason.FAILED, null, "watching for " + devicePath + " failed", e.getCause());
                } catch (CancellationException e) {
                    throw op.fail(Reason.CLOSED, null, "stopped watching for " + devicePath, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw op.fail(Reason.CANCELED, null, "interrupted while waiting for " + devicePath, e);
                }
            }
        } finally {
            List<CompletableFuture<Void>> list = waiters.get(devicePath);
            if (list != null) {
                list.remove(appeared);
            }
        }
    }

    /** How many times {@link #await} asked the object manager (tests tell signal from re-check by it). */
    int lookups() {
        return lookups.get();
    }

    boolean exists(Operation op, String devicePath) throws BluetoothException {
        return exists(bus, op, devicePath);
    }

    /** Whether BlueZ has a {@code Device1} at {@code devicePath} now. */
    static boolean exists(BluezBus bus, Operation op, String devicePath) throws BluetoothException {
        Map<String, Map<String, Variant<?>>> object = bus.managedObjects(op).get(devicePath);
        return object != null && object.containsKey(BluezBus.DEVICE);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debugf("Removing the InterfacesAdded handler failed: %s", e);
        }
        waiters.values().forEach(list -> list.forEach(f -> f.cancel(false)));
        waiters.clear();
    }
}
