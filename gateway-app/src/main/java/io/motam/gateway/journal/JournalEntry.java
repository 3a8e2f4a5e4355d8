package io.motam.gateway.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One durable line of the event journal.
 *
 * @param index    position in the journal, from 1, never reused
 * @param topic    MQTT topic suffix below {@code <prefix>/<gateway-id>/}, e.g. {@code events/mode}
 * @param cameraId the camera that produced it, or the gateway id for gateway events
 * @param cameraSeq the camera's delivery sequence number (0 for gateway events)
 * @param payload  the JSON payload as published
 */
public record JournalEntry(long index, String topic, String cameraId, long cameraSeq, ObjectNode payload) {
    public JournalEntry {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(payload, "payload");
        if (index < 1 || cameraSeq < 0) {
            throw new IllegalArgumentException("bad journal entry index=" + index + " seq=" + cameraSeq);
        }
    }
}
