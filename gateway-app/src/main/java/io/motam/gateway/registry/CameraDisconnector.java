package io.motam.gateway.registry;

/** Ends a camera's live session. Implemented by the link ({@code io.motam.gateway.link}), which owns the sessions. */
public interface CameraDisconnector {

    /**
     * Closes every session of {@code cameraId} now (the peer may be told {@code NOT_AUTHORISED});
     * returns whether one was open.
     */
    boolean disconnect(String cameraId, String reason);
}
