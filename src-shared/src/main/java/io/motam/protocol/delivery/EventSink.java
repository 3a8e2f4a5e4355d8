package io.motam.protocol.delivery;

import io.motam.protocol.message.Event;
import io.motam.protocol.message.UnknownEventException;
import java.io.IOException;

/**
 * Where the gateway's receiver puts the events a camera sends: the durable journal. The receiver
 * calls {@link #deliver} once per new sequence number, in order, and sends the ACK only after it
 * returned; an exception closes the link with {@code STORAGE_FAILURE} and nothing is acked, so
 * the camera sends the event again later.
 */
public interface EventSink {

    /** The highest sequence number durably held for this camera (0 if none): sent in WELCOME. */
    long lastSequence(String cameraId) throws IOException;

    /**
     * Stores one event durably (fsync) before returning. Called with {@code sequence} above
     * every number delivered before for this camera.
     */
    void deliver(String cameraId, long sequence, Event event) throws IOException;

    /**
     * Records, durably, that the event numbered {@code sequence} is of a kind this gateway does
     * not know and is skipped: the receiver acknowledges it only after this returned; an exception
     * is a storage failure like one of {@link #deliver}. Without an override nothing is recorded
     * (the receiver's log line stays).
     */
    default void skipped(String cameraId, long sequence, UnknownEventException event) throws IOException {}
}
