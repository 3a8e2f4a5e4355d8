package io.motam.link.bluetooth;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A Bluetooth operation failed. Carries why ({@link Reason}), what was being done
 * ({@link #operation()}, e.g. {@code "pair"}), on which device if any, and the D-Bus error name
 * that BlueZ answered with, if the failure came from the bus.
 *
 * <p>The message reads {@code "pair AA:BB:CC:DD:EE:FF failed: AUTH_REJECTED
 * (org.bluez.Error.AuthenticationRejected: Authentication Rejected)"}.
 */
public class BluetoothException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed; BlueZ's error names map onto these (see {@code BluezErrors}). */
    public enum Reason {
        /** The adapter is off, missing or not ready ({@code org.bluez.Error.NotReady}). */
        NOT_READY,
        /** BlueZ reported a generic failure ({@code org.bluez.Error.Failed}) or an unknown error. */
        FAILED,
        /** The peer or an agent refused pairing or authorisation. */
        AUTH_REJECTED,
        /** Pairing failed (wrong key, peer gone mid-way). */
        AUTH_FAILED,
        /** Pairing or a request was cancelled. */
        CANCELED,
        /** No such device, adapter, object or registration. */
        DOES_NOT_EXIST,
        /** Already paired, already registered. */
        ALREADY_EXISTS,
        /** Another operation of the same kind is running (e.g. a discovery, a pairing). */
        IN_PROGRESS,
        /** The device is not connected. */
        NOT_CONNECTED,
        /** The device or profile is already connected. */
        ALREADY_CONNECTED,
        /** A connection attempt failed (peer out of range, page timeout, profile unavailable). */
        CONNECTION_FAILED,
        /** BlueZ rejected the arguments (a bug on our side or an unsupported option). */
        INVALID_ARGUMENTS,
        /** The operation or property is not supported here. */
        NOT_SUPPORTED,
        /** BlueZ refused the caller ({@code NotAuthorized}, {@code NotPermitted}). */
        NOT_AUTHORISED,
        /** The D-Bus policy forbids this process to talk to BlueZ (see deploy/dbus/). */
        ACCESS_DENIED,
        /** BlueZ is not on the bus, or the bus connection is gone. */
        SERVICE_UNAVAILABLE,
        /** No answer or no awaited event before the deadline. */
        TIMEOUT,
        /** Our own object (acceptor, connector, control) was closed. */
        CLOSED,
        /** BlueZ released our profile or agent (bluetoothd stopped or unregistered it). */
        RELEASED
    }

    private final Reason reason;
    private final String operation;
    private final BluetoothAddress device;
    private final String dbusError;

    public BluetoothException(Reason reason, String operation, BluetoothAddress device, String detail) {
        this(reason, operation, device, null, detail, null);
    }

    public BluetoothException(
            Reason reason,
            String operation,
            BluetoothAddress device,
            String dbusError,
            String detail,
            Throwable cause) {
        super(message(reason, operation, device, dbusError, detail), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.device = device;
        this.dbusError = dbusError;
    }

    public Reason reason() {
        return reason;
    }

    /** What was being done, e.g. {@code "pair"}, {@code "power on"}, {@code "register profile"}. */
    public String operation() {
        return operation;
    }

    /** The device concerned; empty for adapter-wide operations. */
    public Optional<BluetoothAddress> device() {
        return Optional.ofNullable(device);
    }

    /** The D-Bus error name BlueZ answered with, e.g. {@code org.bluez.Error.NotReady}; empty if none. */
    public Optional<String> dbusError() {
        return Optional.ofNullable(dbusError);
    }

    private static String message(
            Reason reason, String operation, BluetoothAddress device, String dbusError, String detail) {
        StringBuilder sb = new StringBuilder(operation);
        if (device != null) {
            sb.append(' ').append(device);
        }
        sb.append(" failed: ").append(reason);
        if (dbusError != null || (detail != null && !detail.isEmpty())) {
            sb.append(" (");
            if (dbusError != null) {
                sb.append(dbusError);
                if (detail != null && !detail.isEmpty()) {
                    sb.append(": ");
                }
            }
            if (detail != null) {
                sb.append(summary(detail));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /**
     * One line of the detail: D-Bus errors raised by Python services carry a whole traceback,
     * whose last line says what happened; a log line wants just that.
     */
    private static String summary(String s) {
        String[] lines = s.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }
}
