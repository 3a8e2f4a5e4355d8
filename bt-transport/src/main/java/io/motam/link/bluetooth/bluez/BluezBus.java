package io.motam.link.bluetooth.bluez;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.Variant;
import org.jboss.logging.Logger;

/**
 * Calls BlueZ ({@code org.bluez} on the system bus) and turns every D-Bus error into a
 * {@link BluetoothException} that keeps the error's name.
 *
 * <p>Why not dbus-java's typed proxies or bluez-dbus's wrappers: a proxy turns an error reply
 * into an exception class looked up by the error's name, and for BlueZ's names
 * ({@code org.bluez.Error.NotReady} …) there is none, so the name is lost and only the message
 * text remains; the wrappers go further and return {@code null}/{@code false}. Here the call is
 * sent as a plain method call message and the reply is read as it came: a return, or an error
 * with its name.
 */
public final class BluezBus {

    private static final Logger LOG = Logger.getLogger(BluezBus.class);

    /** BlueZ's well-known bus name. */
    public static final String SERVICE = "org.bluez";
    /** The object with {@code AgentManager1} and {@code ProfileManager1}. */
    public static final String MANAGER_PATH = "/org/bluez";

    public static final String ADAPTER = "org.bluez.Adapter1";
    public static final String DEVICE = "org.bluez.Device1";
    public static final String AGENT_MANAGER = "org.bluez.AgentManager1";
    public static final String PROFILE_MANAGER = "org.bluez.ProfileManager1";
    public static final String PROPERTIES = "org.freedesktop.DBus.Properties";
    public static final String OBJECT_MANAGER = "org.freedesktop.DBus.ObjectManager";

    /** How long a call may take unless the caller says otherwise (BlueZ answers within ms). */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What a call is for, to name it in an exception.
     *
     * @param name e.g. {@code "pair"}
     * @param device the device concerned, or null
     */
    public record Operation(String name, BluetoothAddress device) {
        public Operation {
            Objects.requireNonNull(name, "name");
        }

        public static Operation of(String name) {
            return new Operation(name, null);
        }

        public static Operation of(String name, BluetoothAddress device) {
            return new Operation(name, device);
        }

        BluetoothException fail(Reason reason, String dbusError, String detail, Throwable cause) {
            return new BluetoothException(reason, name, device, dbusError, detail, cause);
        }

        BluetoothException fail(Reason reason, String detail) {
            return new BluetoothException(reason, name, device, detail);
        }
    }

    private final DBusConnection connection;
    private final Duration callTimeout;

    public BluezBus(DBusConnection connection) {
        this(connection, DEFAULT_CALL_TIMEOUT);
    }

    public BluezBus(DBusConnection connection, Duration callTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    public DBusConnection connection() {
        return connection;
    }

    /**
     * Calls {@code iface.member} on BlueZ's object {@code path} and waits for the reply.
     *
     * @param signature the D-Bus signature of {@code args}, e.g. {@code "osa{sv}"}, or null if none
     * @return the reply's arguments (empty for none)
     * @throws BluetoothException for an error reply (reason from {@link BluezErrors}), no reply
     *         within the default timeout ({@code TIMEOUT}) or no bus ({@code SERVICE_UNAVAILABLE})
     */
    public Object[] call(Operation op, String path, String iface, String member, String signature, Object... args)
            throws BluetoothException {
        return call(op, callTimeout, path, iface, member, signature, args);
    }

    /** As {@link #call(Operation, String, String, String, String, Object...)} with its own timeout. */
    public Object[] call(
            Operation op, Duration timeout, String path, String iface, String member, String signature, Object... args)
            throws BluetoothException {
        return callOn(op, timeout, SERVICE, path, iface, member, signature, args);
    }

    /** A call to any bus name (the tests use it to play BlueZ towards our exported objects). */
    public Object[] callOn(
            Operation op,
            Duration timeout,
            String destination,
            String path,
            String iface,
            String member,
            String signature,
            Object... args)
            throws BluetoothException {
        if (!connection.isConnected()) {
            throw op.fail(Reason.SERVICE_UNAVAILABLE, "the D-Bus connection is closed");
        }
        MethodCall call;
        try {
            call = connection
                    .getMessageFactory()
                    .createMethodCall(null, destination, path, iface, member, (byte) 0, signature, args);
        } catch (DBusException e) {
            throw op.fail(
                    Reason.INVALID_ARGUMENTS,
                    null,
                    "cannot marshal " + iface + "." + member + ": " + e.getMessage(),
                    e);
        }
        connection.sendMessage(call);
        Message reply = call.getReply(Math.max(1, timeout.toMillis()));
        if (reply == null) {
            throw op.fail(
                    Reason.TIMEOUT,
                    null,
                    "no reply to " + iface + "." + member + " on " + path + " within " + timeout.toMillis() + " ms",
                    null);
        }
        Object[] out = parameters(op, reply);
        if (reply instanceof org.freedesktop.dbus.messages.Error error) {
            String detail = out.length > 0 ? String.valueOf(out[0]) : "";
            Reason reason = BluezErrors.reasonOf(error.getName(), detail);
            LOG.debugf("%s.%s on %s answered %s: %s", iface, member, path, error.getName(), detail);
            throw op.fail(reason, error.getName(), detail, null);
        }
        return out;
    }

    private static Object[] parameters(Operation op, Message reply) throws BluetoothException {
        try {
            Object[] params = reply.getParameters();
            return params == null ? new Object[0] : params;
        } catch (DBusException e) {
            throw op.fail(Reason.FAILED, null, "unreadable reply: " + e.getMessage(), e);
        }
    }

    /** Reads a property ({@code org.freedesktop.DBus.Properties.Get}). */
    public Object get(Operation op, String path, String iface, String property) throws BluetoothException {
        Object[] out = call(op, path, PROPERTIES, "Get", "ss", iface, property);
        if (out.length != 1 || !(out[0] instanceof Variant<?> v)) {
            throw op.fail(
                    Reason.FAILED,
                    "expected one variant from Get " + iface + "." + property + " but was " + Arrays.toString(out));
        }
        return v.getValue();
    }

    /** Reads a boolean property; anything else is a {@code FAILED}. */
    public boolean getBoolean(Operation op, String path, String iface, String property) throws BluetoothException {
        Object value = get(op, path, iface, property);
        if (value instanceof Boolean b) {
            return b;
        }
        throw op.fail(Reason.FAILED, "expected a boolean " + iface + "." + property + " but was " + value);
    }

    /** Writes a property ({@code org.freedesktop.DBus.Properties.Set}); {@code value} as its D-Bus type. */
    public void set(Operation op, String path, String iface, String property, Object value) throws BluetoothException {
        call(op, path, PROPERTIES, "Set", "ssv", iface, property, new Variant<>(value));
    }

    /**
     * BlueZ's whole object tree ({@code GetManagedObjects} on {@code /}): path to interface to
     * property to value, in path order as BlueZ lists them.
     */
    public Map<String, Map<String, Map<String, Variant<?>>>> managedObjects(Operation op) throws BluetoothException {
        Object[] out = call(op, "/", OBJECT_MANAGER, "GetManagedObjects", null);
        if (out.length != 1 || !(out[0] instanceof Map<?, ?> raw)) {
            throw op.fail(
                    Reason.FAILED, "expected one a{oa{sa{sv}}} from GetManagedObjects but was " + Arrays.toString(out));
        }
        Map<String, Map<String, Map<String, Variant<?>>>> objects = new LinkedHashMap<>();
        raw.forEach((path, interfaces) ->
                objects.put(path instanceof DBusPath p ? p.getPath() : String.valueOf(path), cast(interfaces)));
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Variant<?>>> cast(Object interfaces) {
        return (Map<String, Map<String, Variant<?>>>) interfaces;
    }
}
