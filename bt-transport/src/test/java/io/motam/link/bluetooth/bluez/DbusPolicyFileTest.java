package io.motam.link.bluetooth.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code deploy/dbus/motam-bluetooth.conf} on a bus with the system bus's default policy
 * (Debian's {@code system.conf}: method calls denied unless a rule allows them). The file's
 * {@code motam} and {@code root} users are both replaced by the user running the test, who thus
 * plays the app and bluetoothd; BlueZ's own {@code bluetooth.conf} rule that lets bluetoothd own
 * {@code org.bluez} is added for the double. dbus-daemon must accept the file, the app must reach
 * BlueZ and register its agent, bluetoothd must reach the agent, and nothing else may be called.
 */
class DbusPolicyFileTest {

    static final Path POLICY =
            Path.of(System.getProperty("motam.repo.dir", ".."), "deploy", "dbus", "motam-bluetooth.conf");

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble(DbusPolicyFileTest::strictBus);

    static String strictBus(String listen) {
        try {
            String user = System.getProperty("user.name");
            String policy = Files.readString(POLICY, StandardCharsets.UTF_8)
                    .replace("user=\"motam\"", "user=\"" + user + "\"")
                    .replace("user=\"root\"", "user=\"" + user + "\"");
            String body = policy.substring(
                    policy.indexOf("<busconfig>") + "<busconfig>".length(), policy.lastIndexOf("</busconfig>"));
            return """
                    <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                     "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                    <busconfig>
                      <type>system</type>
                      <listen>%s</listen>
                      <auth>EXTERNAL</auth>
                      <policy context="default">
                        <allow user="*"/>
                        <deny own="*"/>
                        <deny send_type="method_call"/>
                        <allow send_type="signal"/>
                        <allow send_requested_reply="true" send_type="method_return"/>
                        <allow send_requested_reply="true" send_type="error"/>
                        <allow receive_type="method_call"/>
                        <allow receive_type="method_return"/>
                        <allow receive_type="error"/>
                        <allow receive_type="signal"/>
                        <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
                        <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
                        <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
                      </policy>
                      <!-- BlueZ's bluetooth.conf: bluetoothd owns its name -->
                      <policy context="default">
                        <allow own="org.bluez"/>
                      </policy>
                      <!-- deploy/dbus/motam-bluetooth.conf -->
                    %s
                    </busconfig>
                    """.formatted(listen, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void policy_letsTheAppDriveBluezAndBluezCallTheAgent_andNothingElse() throws Exception {
        BLUEZ.addAdapter("hci0", "gateway");
        try (DBusConnection app = BLUEZ.connect();
                BluezBluetoothControl control = BluezBluetoothControl.start(app, "hci0", Clock.systemUTC(), Set.of())) {
            control.powerOn();

            // bluetoothd reaches the agent: the answer is the agent's own refusal (no window open)
            BluetoothException refused = assertThrows(
                    BluetoothException.class,
                    () -> BLUEZ.bus()
                            .callOn(
                                    Operation.of("agent"),
                                    Duration.ofSeconds(5),
                                    app.getUniqueName(),
                                    control.agentPath(),
                                    "org.bluez.Agent1",
                                    "RequestConfirmation",
                                    "ou",
                                    new DBusPath("/org/bluez/hci0/dev_B8_27_EB_00_00_01"),
                                    new UInt32(1)));
            assertEquals("org.bluez.Error.Rejected", refused.dbusError().orElseThrow());

            // any other call to the app is stopped by the bus
            BluetoothException denied = assertThrows(
                    BluetoothException.class,
                    () -> BLUEZ.bus()
                            .callOn(
                                    Operation.of("introspect"),
                                    Duration.ofSeconds(5),
                                    app.getUniqueName(),
                                    "/",
                                    "org.freedesktop.DBus.Introspectable",
                                    "Introspect",
                                    null));
            assertEquals(Reason.ACCESS_DENIED, denied.reason());
            assertEquals(
                    "org.freedesktop.DBus.Error.AccessDenied",
                    denied.dbusError().orElseThrow());
        } finally {
            BLUEZ.removeAdapter("hci0");
        }
    }
}
