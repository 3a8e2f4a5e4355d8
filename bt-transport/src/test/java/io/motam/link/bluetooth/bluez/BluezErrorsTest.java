package io.motam.link.bluetooth.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motam.link.bluetooth.BluetoothException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BluezErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "org.bluez.Error.NotReady, Resource Not Ready, NOT_READY",
        "org.bluez.Error.Failed, Operation failed, FAILED",
        "org.bluez.Error.Failed, br-connection-page-timeout, CONNECTION_FAILED",
        "org.bluez.Error.Failed, le-connection-abort-by-local, CONNECTION_FAILED",
        "org.bluez.Error.AuthenticationRejected, Authentication Rejected, AUTH_REJECTED",
        "org.bluez.Error.Rejected, rejected, AUTH_REJECTED",
        "org.bluez.Error.AuthenticationFailed, Authentication Failed, AUTH_FAILED",
        "org.bluez.Error.AuthenticationCanceled, Authentication Canceled, CANCELED",
        "org.bluez.Error.AuthenticationTimeout, Authentication Timeout, TIMEOUT",
        "org.bluez.Error.DoesNotExist, Does Not Exist, DOES_NOT_EXIST",
        "org.bluez.Error.AlreadyExists, Already Exists, ALREADY_EXISTS",
        "org.bluez.Error.InProgress, Operation already in progress, IN_PROGRESS",
        "org.bluez.Error.NotConnected, Not Connected, NOT_CONNECTED",
        "org.bluez.Error.AlreadyConnected, Already Connected, ALREADY_CONNECTED",
        "org.bluez.Error.ConnectionAttemptFailed, Page Timeout, CONNECTION_FAILED",
        "org.bluez.Error.NotAvailable, Operation currently not available, CONNECTION_FAILED",
        "org.bluez.Error.InvalidArguments, Invalid arguments in method call, INVALID_ARGUMENTS",
        "org.bluez.Error.NotSupported, Operation is not supported, NOT_SUPPORTED",
        "org.bluez.Error.NotPermitted, Not Permitted, NOT_AUTHORISED",
        "org.freedesktop.DBus.Error.UnknownObject, No such object, DOES_NOT_EXIST",
        "org.freedesktop.DBus.Error.AccessDenied, Rejected send message, ACCESS_DENIED",
        "org.freedesktop.DBus.Error.ServiceUnknown, The name org.bluez was not provided, SERVICE_UNAVAILABLE",
        "org.freedesktop.DBus.Error.NoReply, Did not receive a reply, TIMEOUT",
        "org.freedesktop.DBus.Python.KeyError, KeyError, FAILED",
        "com.example.Whatever, anything, FAILED"
    })
    void reasonOf_mapsBluezAndBusErrors(String name, String message, Reason expected) {
        assertEquals(expected, BluezErrors.reasonOf(name, message));
    }
}
