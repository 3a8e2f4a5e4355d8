package io.motam.link.bluetooth.bluez;

import io.motam.link.bluetooth.BluetoothException.Reason;
import java.util.Map;

/**
 * Maps D-Bus error names, BlueZ's ({@code org.bluez.Error.*}, see BlueZ's {@code doc/*-api.txt})
 * and the bus's own ({@code org.freedesktop.DBus.Error.*}), onto {@link Reason}s. Total: a name
 * not listed is {@link Reason#FAILED}, and the name itself stays in the exception.
 */
public final class BluezErrors {

    private static final String BLUEZ = "org.bluez.Error.";
    private static final String DBUS = "org.freedesktop.DBus.Error.";
    private static final String BR_CONNECTION = "br-connection-";
    private static final String LE_CONNECTION = "le-connection-";

    private static final Map<String, Reason> BY_NAME = Map.ofEntries(
            Map.entry(BLUEZ + "NotReady", Reason.NOT_READY),
            Map.entry(BLUEZ + "Failed", Reason.FAILED),
            Map.entry(BLUEZ + "Rejected", Reason.AUTH_REJECTED),
            Map.entry(BLUEZ + "AuthenticationRejected", Reason.AUTH_REJECTED),
            Map.entry(BLUEZ + "AuthenticationFailed", Reason.AUTH_FAILED),
            Map.entry(BLUEZ + "AuthenticationCanceled", Reason.CANCELED),
            Map.entry(BLUEZ + "Canceled", Reason.CANCELED),
            Map.entry(BLUEZ + "AuthenticationTimeout", Reason.TIMEOUT),
            Map.entry(BLUEZ + "DoesNotExist", Reason.DOES_NOT_EXIST),
            Map.entry(BLUEZ + "NotFound", Reason.DOES_NOT_EXIST),
            Map.entry(BLUEZ + "AlreadyExists", Reason.ALREADY_EXISTS),
            Map.entry(BLUEZ + "InProgress", Reason.IN_PROGRESS),
            Map.entry(BLUEZ + "NotConnected", Reason.NOT_CONNECTED),
            Map.entry(BLUEZ + "AlreadyConnected", Reason.ALREADY_CONNECTED),
            Map.entry(BLUEZ + "ConnectionAttemptFailed", Reason.CONNECTION_FAILED),
            Map.entry(BLUEZ + "NotAvailable", Reason.CONNECTION_FAILED),
            Map.entry(BLUEZ + "InvalidArguments", Reason.INVALID_ARGUMENTS),
            Map.entry(BLUEZ + "NotSupported", Reason.NOT_SUPPORTED),
            Map.entry(BLUEZ + "NotAuthorized", Reason.NOT_AUTHORISED),
            Map.entry(BLUEZ + "NotPermitted", Reason.NOT_AUTHORISED),
            Map.entry(DBUS + "UnknownObject", Reason.DOES_NOT_EXIST),
            Map.entry(DBUS + "UnknownMethod", Reason.NOT_SUPPORTED),
            Map.entry(DBUS + "UnknownInterface", Reason.NOT_SUPPORTED),
            Map.entry(DBUS + "UnknownProperty", Reason.NOT_SUPPORTED),
            Map.entry(DBUS + "PropertyReadOnly", Reason.NOT_SUPPORTED),
            Map.entry(DBUS + "InvalidArgs", Reason.INVALID_ARGUMENTS),
            Map.entry(DBUS + "AccessDenied", Reason.ACCESS_DENIED),
            Map.entry(DBUS + "ServiceUnknown", Reason.SERVICE_UNAVAILABLE),
            Map.entry(DBUS + "NameHasNoOwner", Reason.SERVICE_UNAVAILABLE),
            Map.entry(DBUS + "Disconnected", Reason.SERVICE_UNAVAILABLE),
            Map.entry(DBUS + "NoReply", Reason.TIMEOUT),
            Map.entry(DBUS + "Timeout", Reason.TIMEOUT),
            Map.entry(DBUS + "TimedOut", Reason.TIMEOUT));

    private BluezErrors() {}

    /**
     * The reason for a D-Bus error; {@link Reason#FAILED} for names not listed, or null.
     *
     * @param message the error's text: BlueZ 5.6x answers a failed connection with
     *        {@code org.bluez.Error.Failed} and a message such as {@code br-connection-page-timeout},
     *        which is a {@link Reason#CONNECTION_FAILED}
     */
    public static Reason reasonOf(String errorName, String message) {
        if (errorName == null) {
            return Reason.FAILED;
        }
        Reason exact = BY_NAME.getOrDefault(errorName, Reason.FAILED);
        if (exact == Reason.FAILED
                && message != null
                && (message.startsWith(BR_CONNECTION) || message.startsWith(LE_CONNECTION))) {
            return Reason.CONNECTION_FAILED;
        }
        return exact;
    }
}
