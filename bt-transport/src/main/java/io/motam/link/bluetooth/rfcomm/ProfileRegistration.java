package io.motam.link.bluetooth.rfcomm;

import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.jboss.logging.Logger;

/**
 * Exports a {@link ProfileEndpoint} and registers it with {@code ProfileManager1.RegisterProfile}
 * for the Serial Port Profile; {@link #close()} undoes both.
 *
 * <p>Options ({@code doc/profile-api.txt}):
 * <pre>
 *  server: Name="MOTAM link", Role="server", Channel=q, RequireAuthentication=true,
 *          RequireAuthorization=true, AutoConnect=false
 *  client: Name="MOTAM link", Role="client", RequireAuthentication=true, AutoConnect=false
 * </pre>
 * With authentication required BlueZ accepts RFCOMM only over a paired (encrypted) link; with
 * authorisation required it asks our agent ({@code AuthorizeService}) about untrusted devices.
 */
final class ProfileRegistration implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProfileRegistration.class);

    /** The service name BlueZ puts in the SDP record. */
    static final String SERVICE_NAME = "MOTAM link";

    private final BluezBus bus;
    private final ProfileEndpoint endpoint;

    private ProfileRegistration(BluezBus bus, ProfileEndpoint endpoint) {
        this.bus = bus;
        this.endpoint = endpoint;
    }

    /** Server role on RFCOMM {@code channel}. */
    static Map<String, Variant<?>> serverOptions(int channel) {
        Map<String, Variant<?>> options = new LinkedHashMap<>();
        options.put("Name", new Variant<>(SERVICE_NAME));
        options.put("Role", new Variant<>("server"));
        options.put("Channel", new Variant<>(new UInt16(SerialPortProfile.requireChannel(channel))));
        options.put("RequireAuthentication", new Variant<>(Boolean.TRUE));
        options.put("RequireAuthorization", new Variant<>(Boolean.TRUE));
        options.put("AutoConnect", new Variant<>(Boolean.FALSE));
        return options;
    }

    /** Client role: the channel comes from the gateway's SDP record. */
    static Map<String, Variant<?>> clientOptions() {
        Map<String, Variant<?>> options = new LinkedHashMap<>();
        options.put("Name", new Variant<>(SERVICE_NAME));
        options.put("Role", new Variant<>("client"));
        options.put("RequireAuthentication", new Variant<>(Boolean.TRUE));
        options.put("AutoConnect", new Variant<>(Boolean.FALSE));
        return options;
    }

    /** Exports {@code endpoint} and registers it for SPP with {@code options}. */
    static ProfileRegistration register(BluezBus bus, ProfileEndpoint endpoint, Map<String, Variant<?>> options)
            throws BluetoothException {
        Operation op = Operation.of("register profile " + endpoint.getObjectPath());
        try {
            bus.connection().exportObject(endpoint.getObjectPath(), endpoint);
        } catch (DBusException e) {
            throw new BluetoothException(
                    Reason.ALREADY_EXISTS,
                    op.name(),
                    null,
                    null,
                    "cannot export the profile object: " + e.getMessage(),
                    e);
        }
        try {
            bus.call(
                    op,
                    BluezBus.MANAGER_PATH,
                    BluezBus.PROFILE_MANAGER,
                    "RegisterProfile",
                    "osa{sv}",
                    new DBusPath(endpoint.getObjectPath()),
                    SerialPortProfile.UUID,
                    options);
        } catch (BluetoothException e) {
            bus.connection().unExportObject(endpoint.getObjectPath());
            throw e;
        }
        LOG.infof("Registered SPP profile %s with BlueZ: %s", endpoint.getObjectPath(), describe(options));
        return new ProfileRegistration(bus, endpoint);
    }

    ProfileEndpoint endpoint() {
        return endpoint;
    }

    /** Unregisters (BlueZ may already have released it) and unexports. */
    @Override
    public void close() {
        try {
            bus.call(
                    Operation.of("unregister profile"),
                    BluezBus.MANAGER_PATH,
                    BluezBus.PROFILE_MANAGER,
                    "UnregisterProfile",
                    "o",
                    new DBusPath(endpoint.getObjectPath()));
        } catch (BluetoothException e) {
            LOG.debugf("Unregistering profile %s: %s", endpoint.getObjectPath(), e.getMessage());
        }
        bus.connection().unExportObject(endpoint.getObjectPath());
    }

    private static String describe(Map<String, Variant<?>> options) {
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v.getValue()));
        return sb.toString();
    }
}
