package io.motam.link.bluetooth.bluez;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothControl;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.ExpectedPeer;
import io.motam.link.bluetooth.PairableWindow;
import io.motam.link.bluetooth.PairedDevice;
import io.motam.link.bluetooth.PairingGate;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.jboss.logging.Logger;

/**
 * {@link BluetoothControl} over BlueZ's D-Bus API (BlueZ 5.66+, {@code doc/adapter-api.txt},
 * {@code device-api.txt}, {@code agent-api.txt}); no {@code bluetoothctl}, no sleeps.
 *
 * <p>On {@link #start} it exports a {@link PairingAgent} and registers it as BlueZ's default
 * agent, and watches device objects appearing under the adapter. Then:
 * <ul>
 * <li><b>window</b>: {@code PairableTimeout}/{@code DiscoverableTimeout} set to the window's
 * length (so that BlueZ closes it even if this process dies), then {@code Pairable} and
 * {@code Discoverable} on; at the end both off again; each write read back.</li>
 * <li><b>pair</b>: if BlueZ does not know the device, {@code SetDiscoveryFilter(Transport=bredr)}
 * and {@code StartDiscovery} until its object appears ({@link DeviceWatch}), {@code StopDiscovery};
 * then {@code Device1.Pair} with the agent expecting exactly that device; {@code Paired} read
 * back.</li>
 * <li><b>throw-out</b>: {@code Disconnect}, {@code Adapter1.RemoveDevice} (forgets the keys), and
 * a block: BlueZ lifts a device's block when the device is removed (its {@code
 * device_remove_stored} unblocks), and a removed device has no object to set {@code Blocked} on,
 * so the block is kept here ({@link #thrownOut()}) and applied as {@code Blocked=true} the moment
 * the device's object appears again (it connects in, or a discovery sees it); the agent refuses
 * it meanwhile ({@link DeviceBlocks}). Persist {@link #thrownOut()} and pass it back to
 * {@link #start}.</li>
 * </ul>
 */
public final class BluezBluetoothControl implements BluetoothControl {

    private static final Logger LOG = Logger.getLogger(BluezBluetoothControl.class);

    /** Where our agent is exported; the adapter name is appended. */
    public static final String AGENT_PATH_PREFIX = "/io/motam/bluetooth/agent_";

    private static final Pattern ADAPTER_NAME = Pattern.compile("[a-z][a-z0-9]{0,15}");

    private final BluezBus bus;
    private final String adapterPath;
    private final BluetoothAddress address;
    private final Clock clock;
    private final PairingGate gate;
    private final PairingAgent agent;
    private final ScheduledExecutorService timer;
    private final DeviceBlocks blocks;
    private DeviceWatch watch;
    private volatile boolean closed;

    private BluezBluetoothControl(
            BluezBus bus,
            String adapterPath,
            BluetoothAddress address,
            Clock clock,
            PairingGate gate,
            PairingAgent agent) {
        this.bus = bus;
        this.adapterPath = adapterPath;
        this.address = address;
        this.clock = clock;
        this.gate = gate;
        this.agent = agent;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "motam-bt-control");
            t.setDaemon(true);
            return t;
        });
        this.blocks = new DeviceBlocks(bus, adapterPath, gate, timer);
    }

    /**
     * Connects the control to adapter {@code adapter} (e.g. {@code hci0}): checks it exists,
     * registers the agent, starts watching devices, and blocks any thrown-out device BlueZ knows.
     *
     * @param connection a connection to the system bus (junixsocket transport); the caller closes it
     * @param thrownOut devices thrown out before, as persisted from {@link #thrownOut()}
     */
    public static BluezBluetoothControl start(
            DBusConnection connection, String adapter, Clock clock, Collection<BluetoothAddress> thrownOut)
            throws BluetoothException {
        if (adapter == null || !ADAPTER_NAME.matcher(adapter).matches()) {
            throw new IllegalArgumentException("expected an adapter name like hci0 but was '" + adapter + "'");
        }
        BluezBus bus = new BluezBus(connection);
        String adapterPath = BluezBus.MANAGER_PATH + "/" + adapter;
        Operation op = Operation.of("open adapter " + adapter);
        BluetoothAddress address = adapterAddress(bus, op, adapterPath);
        PairingGate gate = new PairingGate(clock, Set.of(SerialPortProfile.UUID), thrownOut);
        PairingAgent agent = new PairingAgent(AGENT_PATH_PREFIX + adapter, gate);
        BluezBluetoothControl control = new BluezBluetoothControl(bus, adapterPath, address, clock, gate, agent);
        try {
            control.registerAgent();
            control.watch = DeviceWatch.start(bus, adapterPath, control.blocks::onAppear);
            for (BluetoothAddress device : gate.thrownOut()) {
                control.blocks.onAppear(device);
            }
        } catch (BluetoothException | RuntimeException e) {
            control.close();
            throw e;
        }
        LOG.infof("Bluetooth adapter %s (%s) under MOTAM control; agent %s", adapter, address, agent.getObjectPath());
        return control;
    }

    static BluetoothAddress adapterAddress(BluezBus bus, Operation op, String adapterPath) throws BluetoothException {
        Object value = bus.get(op, adapterPath, BluezBus.ADAPTER, "Address");
        try {
            return BluetoothAddress.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new BluetoothException(Reason.FAILED, op.name(), null, null, "adapter reports address " + value, e);
        }
    }

    private void registerAgent() throws BluetoothException {
        Operation op = Operation.of("register agent");
        try {
            bus.connection().exportObject(agent.getObjectPath(), agent);
        } catch (DBusException e) {
            throw new BluetoothException(
                    Reason.ALREADY_EXISTS,
                    op.name(),
                    null,
                    null,
                    "cannot export " + agent.getObjectPath() + ": " + e.getMessage(),
                    e);
        }
        DBusPath path = new DBusPath(agent.getObjectPath());
        bus.call(
                op,
                BluezBus.MANAGER_PATH,
                BluezBus.AGENT_MANAGER,
                "RegisterAgent",
                "os",
                path,
                PairingAgent.CAPABILITY);
        bus.call(op, BluezBus.MANAGER_PATH, BluezBus.AGENT_MANAGER, "RequestDefaultAgent", "o", path);
    }

    /** The adapter's address (read once at start). */
    public BluetoothAddress adapterAddress() {
        return address;
    }

    /** The object path of our exported agent. */
    public String agentPath() {
        return agent.getObjectPath();
    }

    @Override
    public BluetoothAddress powerOn() throws BluetoothException {
        Operation op = Operation.of("power on");
        requireOpen(op);
        bus.set(op, adapterPath, BluezBus.ADAPTER, "Powered", Boolean.TRUE);
        if (!bus.getBoolean(op, adapterPath, BluezBus.ADAPTER, "Powered")) {
            throw op.fail(Reason.NOT_READY, "Powered is still false after setting it (rfkill?)");
        }
        LOG.infof("Bluetooth adapter %s powered on", address);
        return address;
    }

    @Override
    public PairableWindow openPairingWindow(Duration ttl, ExpectedPeer expected) throws BluetoothException {
        Operation op = Operation.of("open pairing window");
        requireOpen(op);
        if (!bus.getBoolean(op, adapterPath, BluezBus.ADAPTER, "Powered")) {
            throw op.fail(Reason.NOT_READY, "adapter is powered off");
        }
        PairableWindow window = gate.open(expected, ttl, this::closeWindow);
        try {
            UInt32 seconds = new UInt32(Math.max(1, (ttl.toMillis() + 999) / 1000));
            bus.set(op, adapterPath, BluezBus.ADAPTER, "PairableTimeout", seconds);
            bus.set(op, adapterPath, BluezBus.ADAPTER, "DiscoverableTimeout", seconds);
            bus.set(op, adapterPath, BluezBus.ADAPTER, "Pairable", Boolean.TRUE);
            bus.set(op, adapterPath, BluezBus.ADAPTER, "Discoverable", Boolean.TRUE);
            requireFlag(op, "Pairable", true);
            requireFlag(op, "Discoverable", true);
        } catch (BluetoothException e) {
            closeQuietly(window);
            throw e;
        }
        timer.schedule(() -> closeQuietly(window), ttl.toNanos(), TimeUnit.NANOSECONDS);
        LOG.infof("Pairing window open on %s until %s, expecting %s", address, window.closesAt(), expected);
        return window;
    }

    private void closeWindow(PairableWindow window) throws BluetoothException {
        Operation op = Operation.of("close pairing window");
        bus.set(op, adapterPath, BluezBus.ADAPTER, "Discoverable", Boolean.FALSE);
        bus.set(op, adapterPath, BluezBus.ADAPTER, "Pairable", Boolean.FALSE);
        requireFlag(op, "Discoverable", false);
        requireFlag(op, "Pairable", false);
        LOG.infof(
                "Pairing window closed on %s (%s)",
                address, window.admitted().map(d -> "admitted " + d).orElse("nobody admitted"));
    }

    private void requireFlag(Operation op, String property, boolean expected) throws BluetoothException {
        boolean actual = bus.getBoolean(op, adapterPath, BluezBus.ADAPTER, property);
        if (actual != expected) {
            throw op.fail(Reason.FAILED, "expected " + property + " " + expected + " but was " + actual);
        }
    }

    private static void closeQuietly(PairableWindow window) {
        try {
            window.close();
        } catch (BluetoothException e) {
            LOG.warnf("Closing %s failed: %s", window, e.getMessage());
        }
    }

    @Override
    public void pair(BluetoothAddress device, Duration timeout) throws BluetoothException {
        Operation op = Operation.of("pair", device);
        requireOpen(op);
        if (gate.isThrownOut(device)) {
            throw op.fail(Reason.AUTH_REJECTED, "device was thrown out; unblock it first");
        }
        Instant deadline = clock.instant().plus(timeout);
        String path = devicePath(device);
        if (!DeviceWatch.exists(bus, op, path)) {
            discover(op, path, deadline);
        }
        if (bus.getBoolean(op, path, BluezBus.DEVICE, "Paired")) {
            LOG.infof("Already paired with %s", device);
            return;
        }
        PairableWindow window = gate.open(ExpectedPeer.exactly(device), remaining(op, deadline), w -> {});
        try {
            bus.call(op, remaining(op, deadline), path, BluezBus.DEVICE, "Pair", null);
        } catch (BluetoothException e) {
            if (e.reason() != Reason.ALREADY_EXISTS) {
                throw e;
            }
            LOG.infof("Pair %s: BlueZ says already paired", device);
        } finally {
            closeQuietly(window);
        }
        if (!bus.getBoolean(op, path, BluezBus.DEVICE, "Paired")) {
            throw op.fail(Reason.FAILED, "Pair returned but the device is not paired");
        }
        LOG.infof("Paired with %s", device);
    }

    /** Discovers until the device's object exists, or the deadline. */
    private void discover(Operation op, String path, Instant deadline) throws BluetoothException {
        // dbusmock and some BlueZ versions refuse StartDiscovery before a filter was set
        bus.call(
                op,
                adapterPath,
                BluezBus.ADAPTER,
                "SetDiscoveryFilter",
                "a{sv}",
                Map.of("Transport", new Variant<>("bredr")));
        try {
            bus.call(op, adapterPath, BluezBus.ADAPTER, "StartDiscovery", null);
        } catch (BluetoothException e) {
            if (e.reason() != Reason.IN_PROGRESS) {
                throw e;
            }
        }
        LOG.infof("Discovering %s", op.device());
        try {
            watch.await(op, path, deadline, clock);
        } finally {
            try {
                bus.call(op, adapterPath, BluezBus.ADAPTER, "StopDiscovery", null);
            } catch (BluetoothException e) {
                LOG.warnf("Stopping discovery failed: %s", e.getMessage());
            }
        }
    }

    private Duration remaining(Operation op, Instant deadline) throws BluetoothException {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw op.fail(Reason.TIMEOUT, "deadline passed");
        }
        return left;
    }

    @Override
    public void trust(BluetoothAddress device) throws BluetoothException {
        Operation op = Operation.of("trust", device);
        requireOpen(op);
        String path = devicePath(device);
        bus.set(op, path, BluezBus.DEVICE, "Trusted", Boolean.TRUE);
        if (!bus.getBoolean(op, path, BluezBus.DEVICE, "Trusted")) {
            throw op.fail(Reason.FAILED, "Trusted is still false after setting it");
        }
        LOG.infof("Trusted %s", device);
    }

    @Override
    public void throwOut(BluetoothAddress device) throws BluetoothException {
        Operation op = Operation.of("throw out", device);
        requireOpen(op);
        blocks.throwOut(op, device);
    }

    @Override
    public void unblock(BluetoothAddress device) throws BluetoothException {
        Operation op = Operation.of("unblock", device);
        requireOpen(op);
        blocks.unblock(op, device);
    }

    @Override
    public Set<BluetoothAddress> thrownOut() {
        return gate.thrownOut();
    }

    @Override
    public List<PairedDevice> pairedDevices() throws BluetoothException {
        Operation op = Operation.of("list paired devices");
        requireOpen(op);
        List<PairedDevice> paired = new ArrayList<>();
        bus.managedObjects(op).forEach((path, interfaces) -> {
            Map<String, Variant<?>> props = interfaces.get(BluezBus.DEVICE);
            if (props == null || !path.startsWith(adapterPath + "/") || !flag(props, "Paired")) {
                return;
            }
            BluetoothAddress.fromObjectPath(path)
                    .ifPresent(a -> paired.add(new PairedDevice(
                            a,
                            text(props, "Alias"),
                            flag(props, "Trusted"),
                            flag(props, "Blocked"),
                            flag(props, "Connected"))));
        });
        paired.sort((a, b) -> a.address().compareTo(b.address()));
        return paired;
    }

    private static boolean flag(Map<String, Variant<?>> props, String name) {
        Variant<?> v = props.get(name);
        return v != null && Boolean.TRUE.equals(v.getValue());
    }

    private static String text(Map<String, Variant<?>> props, String name) {
        Variant<?> v = props.get(name);
        return v != null && v.getValue() instanceof String s ? s : "";
    }

    private String devicePath(BluetoothAddress device) {
        return DeviceBlocks.devicePath(adapterPath, device);
    }

    private void requireOpen(Operation op) throws BluetoothException {
        if (closed) {
            throw op.fail(Reason.CLOSED, "the Bluetooth control is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        blocks.stop();
        PairableWindow window = gate.current();
        if (window != null) {
            closeQuietly(window);
        }
        if (watch != null) {
            watch.close();
        }
        timer.shutdownNow();
        try {
            bus.call(
                    Operation.of("unregister agent"),
                    BluezBus.MANAGER_PATH,
                    BluezBus.AGENT_MANAGER,
                    "UnregisterAgent",
                    "o",
                    new DBusPath(agent.getObjectPath()));
        } catch (BluetoothException e) {
            LOG.debugf("Unregistering the agent: %s", e.getMessage());
        }
        bus.connection().unExportObject(agent.getObjectPath());
        LOG.infof("Bluetooth control of %s closed", address);
    }
}
