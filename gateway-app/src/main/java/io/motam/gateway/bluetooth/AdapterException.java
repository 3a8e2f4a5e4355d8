package io.motam.gateway.bluetooth;

/** The adapter did not do what it was asked. */
public final class AdapterException extends Exception {
    public AdapterException(String message) {
        super(message);
    }

    public AdapterException(String message, Throwable cause) {
        super(message, cause);
    }
}
