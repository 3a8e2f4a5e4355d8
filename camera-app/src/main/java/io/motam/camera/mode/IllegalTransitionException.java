package io.motam.camera.mode;

/** A trigger that the current mode does not allow; nothing changed. */
public final class IllegalTransitionException extends IllegalStateException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
