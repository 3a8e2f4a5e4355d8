package io.motam.link.bluetooth.bluez;

import static org.awaitility.Awaitility.await;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import io.motam.testing.Required;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.Variant;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A BlueZ double for tests: a private {@code dbus-daemon} with a system-bus-like configuration and
 * python-dbusmock's {@code bluez5} template on it ({@code /usr/bin/python3 -m dbusmock --template
 * bluez5}), started once per test class ({@code @RegisterExtension static}) and stopped, with
 * every connection the test opened, after it, also when a test failed. Where {@code dbus-daemon}
 * or python3-dbusmock is missing the class fails in CI and is skipped elsewhere ({@link Required}).
 * dbusmock runs with Debian's {@code /usr/bin/python3}, whose packages hold it (a pyenv or venv
 * python first on {@code PATH} has no {@code dbusmock}).
 *
 * <p>The template's helpers ({@code org.bluez.Mock.AddAdapter}, {@code AddDevice},
 * {@code PairDevice}, {@code ConnectDevice}) and dbusmock's call log
 * ({@code org.freedesktop.DBus.Mock.GetMethodCalls}) are wrapped here. Known gaps of the template
 * (see {@code ../shared/FACTS.md}): {@code RegisterProfile} never calls back
 * {@code NewConnection} (tests call our {@code Profile1} themselves) and {@code StartDiscovery}
 * fails unless {@code SetDiscoveryFilter} was called first.
 */
public final class BluezDouble implements BeforeAllCallback, AfterAllCallback {

    private static final Logger LOG = Logger.getLogger(BluezDouble.class);

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String MOCK_IFACE = "org.bluez.Mock";
    static final String DBUSMOCK_IFACE = "org.freedesktop.DBus.Mock";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private Path dbusDaemon;
    private Path dir;
    private Process daemon;
    private Process mock;
    private String address;
    private DBusConnection connection;
    private BluezBus bus;
    private Thread hook;
    private final List<DBusConnection> opened = new CopyOnWriteArrayList<>();
    private final UnaryOperator<String> config;

    /** A bus open to everyone ({@link #busConfig}). */
    public BluezDouble() {
        this(BluezDouble::busConfig);
    }

    /**
     * A bus with another configuration.
     *
     * @param config makes the configuration file's text from the {@code <listen>} address
     */
    public BluezDouble(UnaryOperator<String> config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dbusDaemon = Required.command("dbus-daemon", "dbus");
        Required.that(
                Files.isExecutable(PYTHON), PYTHON + " (Debian's python, which runs python3-dbusmock)", "python3");
        Required.that(dbusmockInstalled(), "the python module dbusmock for " + PYTHON, "python3-dbusmock");
        hook = new Thread(this::stop, "bluez-double-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start();
        } catch (Exception | AssertionError e) {
            stop();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
    }

    private static boolean dbusmockInstalled() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import dbusmock")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    private void start() throws Exception {
        dir = Files.createTempDirectory("motam-bluez-");
        Path socket = dir.resolve("bus");
        Path configFile = dir.resolve("bus.conf");
        Files.writeString(configFile, this.config.apply("unix:path=" + socket), StandardCharsets.UTF_8);
        daemon = new ProcessBuilder(
                        dbusDaemon.toString(),
                        "--config-file=" + configFile,
                        "--print-address",
                        "--nopidfile",
                        "--nofork")
                .redirectError(dir.resolve("dbus-daemon.log").toFile())
                .start();
        address = readAddress(daemon);
        connection = SystemBus.connect(address);
        opened.add(connection);
        bus = new BluezBus(connection);
        ProcessBuilder pb = new ProcessBuilder(
                        PYTHON.toString(),
                        "-m",
                        "dbusmock",
                        "--template",
                        "bluez5",
                        "-l",
                        dir.resolve("dbusmock-calls.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dbusmock.log").toFile());
        pb.environment().put("DBUS_SYSTEM_BUS_ADDRESS", address);
        mock = pb.start();
        DBus dbus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        await("dbusmock bluez5 on the bus")
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !mock.isAlive() || dbus.NameHasOwner(BluezBus.SERVICE));
        if (!mock.isAlive()) {
            throw new IllegalStateException("dbusmock exited: " + Files.readString(dir.resolve("dbusmock.log")));
        }
        LOG.infof("BlueZ double on %s (dbus-daemon pid %d, dbusmock pid %d)", address, daemon.pid(), mock.pid());
    }

    /** A bus like the system bus (type system, EXTERNAL auth), open to everyone: tests run as any user. */
    static String busConfig(String listen) {
        return """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>system</type>
                  <listen>%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow user="*"/>
                    <allow own="*"/>
                    <allow send_type="method_call"/>
                    <allow send_destination="*"/>
                    <allow receive_sender="*"/>
                  </policy>
                </busconfig>
                """.formatted(listen);
    }

    private String readAddress(Process process) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
                return reader.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String printed = line.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (printed == null || printed.isBlank()) {
            throw new IllegalStateException(
                    "dbus-daemon printed no address: " + Files.readString(dir.resolve("dbus-daemon.log")));
        }
        return printed.trim();
    }

    /** Stops the mock and the daemon (also from a shutdown hook), closes connections, deletes files. Idempotent. */
    synchronized void stop() {
        for (DBusConnection c : opened) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // the bus may be gone already
            }
        }
        opened.clear();
        stopProcess(mock);
        stopProcess(daemon);
        mock = null;
        daemon = null;
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp files only
            }
            dir = null;
        }
    }

    private static void stopProcess(Process p) {
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The private bus's address. */
    public String address() {
        return address;
    }

    /** A new connection to the private bus, closed after the class. */
    public DBusConnection connect() throws BluetoothException {
        DBusConnection c = SystemBus.connect(address);
        opened.add(c);
        return c;
    }

    /** The test's own connection, as a BlueZ caller. */
    public BluezBus bus() {
        return bus;
    }

    public DBusConnection connection() {
        return connection;
    }

    /** {@code org.bluez.Mock.AddAdapter}: returns its path; its address is derived from the name's last digit. */
    public String addAdapter(String name, String alias) throws BluetoothException {
        return (String) bus.call(Operation.of("mock add adapter"), "/", MOCK_IFACE, "AddAdapter", "ss", name, alias)[0];
    }

    /** {@code org.bluez.Mock.RemoveAdapterWithDevices}. */
    public void removeAdapter(String name) throws BluetoothException {
        bus.call(Operation.of("mock remove adapter"), "/", MOCK_IFACE, "RemoveAdapterWithDevices", "s", name);
    }

    /** {@code org.bluez.Mock.AddDevice}: a new, unpaired, unconnected device; returns its path. */
    public String addDevice(String adapter, BluetoothAddress device, String alias) throws BluetoothException {
        return (String) bus.call(
                        Operation.of("mock add device"),
                        "/",
                        MOCK_IFACE,
                        "AddDevice",
                        "sss",
                        adapter,
                        device.value(),
                        alias)[0];
    }

    /** {@code org.bluez.Mock.PairDevice}. */
    public void pairDevice(String adapter, BluetoothAddress device) throws BluetoothException {
        bus.call(Operation.of("mock pair device"), "/", MOCK_IFACE, "PairDevice", "ssi", adapter, device.value(), 0);
    }

    /** {@code org.bluez.Mock.ConnectDevice}. */
    public void connectDevice(String adapter, BluetoothAddress device) throws BluetoothException {
        bus.call(Operation.of("mock connect device"), "/", MOCK_IFACE, "ConnectDevice", "ss", adapter, device.value());
    }

    /**
     * Makes {@code ProfileManager1.RegisterProfile} behave as bluetoothd's does where the template
     * accepts anything: a second registration of a registered object path fails with
     * {@code org.bluez.Error.AlreadyExists} until {@code UnregisterProfile}.
     */
    public void refuseDuplicateProfiles() throws BluetoothException {
        addMethod(BluezBus.MANAGER_PATH, "org.bluez.ProfileManager1", "RegisterProfile", "osa{sv}", """
                registered = self.__dict__.setdefault('motam_profiles', set())
                if str(args[0]) in registered:
                    raise dbus.exceptions.DBusException('Already Exists', name='org.bluez.Error.AlreadyExists')
                registered.add(str(args[0]))
                """);
        addMethod(BluezBus.MANAGER_PATH, "org.bluez.ProfileManager1", "UnregisterProfile", "o", """
                registered = self.__dict__.setdefault('motam_profiles', set())
                if str(args[0]) not in registered:
                    raise dbus.exceptions.DBusException('Does Not Exist', name='org.bluez.Error.DoesNotExist')
                registered.discard(str(args[0]))
                """);
    }

    /** Makes {@code Device1.Pair} on {@code devicePath} fail as when the remote side says no. */
    public void rejectPairing(String devicePath) throws BluetoothException {
        addMethod(devicePath, BluezBus.DEVICE, "Pair", "", """
                raise dbus.exceptions.DBusException('Authentication Rejected',
                                                    name='org.bluez.Error.AuthenticationRejected')
                """);
    }

    /** dbusmock's {@code AddMethod}: replaces (or adds) a method of a mock object with Python code. */
    private void addMethod(String path, String iface, String method, String inSignature, String code)
            throws BluetoothException {
        bus.call(
                Operation.of("mock add method"),
                path,
                DBUSMOCK_IFACE,
                "AddMethod",
                "sssss",
                iface,
                method,
                inSignature,
                "",
                code);
    }

    /** Unique names (connections) on the bus now. */
    public long connections() throws BluetoothException {
        DBus dbus;
        try {
            dbus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        } catch (org.freedesktop.dbus.exceptions.DBusException e) {
            throw new IllegalStateException(e);
        }
        return java.util.Arrays.stream(dbus.ListNames())
                .filter(n -> n.startsWith(":"))
                .count();
    }

    public Object property(String path, String iface, String name) throws BluetoothException {
        return bus.get(Operation.of("read " + name), path, iface, name);
    }

    public boolean exists(String path) throws BluetoothException {
        return bus.managedObjects(Operation.of("list objects")).containsKey(path);
    }

    /**
     * dbusmock's log of calls to {@code method} on {@code path} (methods the template defines,
     * not property writes): each entry is the call's arguments.
     */
    public List<List<Object>> calls(String path, String method) throws BluetoothException {
        Object[] out = bus.call(Operation.of("mock calls"), path, DBUSMOCK_IFACE, "GetMethodCalls", "s", method);
        List<List<Object>> calls = new ArrayList<>();
        for (Object entry : (List<?>) out[0]) {
            Object[] struct = structFields(entry);
            List<Object> args = new ArrayList<>();
            for (Object arg : (List<?>) struct[1]) {
                args.add(arg instanceof Variant<?> v ? v.getValue() : arg);
            }
            calls.add(args);
        }
        return calls;
    }

    /**
     * How often dbusmock logged a call of {@code method} on any object so far (its log also keeps
     * calls on objects removed since, which {@link #calls} cannot show).
     */
    public long loggedCalls(String method) throws IOException {
        try (Stream<String> lines = Files.lines(dir.resolve("dbusmock-calls.log"))) {
            return lines.filter(l -> l.matches("[0-9.]+ " + method + "(\\W.*)?"))
                    .count();
        }
    }

    private static Object[] structFields(Object struct) {
        if (struct instanceof Object[] array) {
            return array;
        }
        if (struct instanceof org.freedesktop.dbus.Struct s) {
            return s.getParameters();
        }
        throw new IllegalStateException("expected a struct but was " + struct.getClass());
    }

    /** Variant values of an options map {@code a{sv}} as plain values. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> plain(Object options) {
        Map<String, Object> plain = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) options)
                .forEach((k, v) -> plain.put(k, v instanceof Variant<?> var ? var.getValue() : v));
        return plain;
    }
}
