package io.motam.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One durable line of the event journal.
 *
 * @param index    position in the journal, from 1, never reused
 * @param topic    MQTT topic suffix below {@code <prefix>/<gateway-id>/}, e.g. {@code events/mode}
 * @param cameraId the camera that produced it, or the gateway id for gateway events
 * @param cameraSeq the camera's delivery sequence number (0 for gateway events)
 * @param payload  the payload's JSON bytes exactly as journaled and published (a JSON object)
 */
public record JournalEntry(long index, String topic, String cameraId, long cameraSeq, byte[] payload) {
    private static final ObjectMapper READER = new ObjectMapper();

    public JournalEntry {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(payload, "payload");
        if (index < 1 || cameraSeq < 0) {
            throw new IllegalArgumentException("bad journal entry index=" + index + " seq=" + cameraSeq);
        }
        payload = payload.clone();
    }

    /** A copy of the payload's JSON bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * The payload parsed, for a reader that must look inside it (the status page, tests); the MQTT
     * bridge publishes {@link #payload()} as it is.
     */
    public JsonNode payloadTree() {
        try {
            return READER.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("journal entry " + index + " holds a payload that is not JSON", e);
        }
    }

    /** The payload as JSON text. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalEntry e
                && index == e.index
                && cameraSeq == e.cameraSeq
                && topic.equals(e.topic)
                && cameraId.equals(e.cameraId)
                && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, topic, cameraId, cameraSeq, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "JournalEntry[index=" + index + ", topic=" + topic + ", camera=" + cameraId + ", seq=" + cameraSeq
                + ", payload=" + payload.length + " bytes]";
    }
}
