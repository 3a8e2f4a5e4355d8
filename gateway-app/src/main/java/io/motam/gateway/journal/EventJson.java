package io.motam.gateway.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.Presence;
import io.motam.protocol.message.Recognition;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON form of events as journaled and published on MQTT. Every payload carries
 * {@code schema}, {@code id} (stable), {@code camera} and {@code ts} (UTC ISO-8601).
 */
public final class EventJson {
    /** Version of the JSON payloads; bumped on incompatible change. */
    public static final int SCHEMA = 1;

    public static final String TOPIC_MODE = "events/mode";
    public static final String TOPIC_RECOGNITION = "events/recognition";
    public static final String TOPIC_AUTHORISATION = "events/authorisation";
    public static final String TOPIC_PRESENCE = "events/presence";
    /** Files stored by the backup store (stored, rejected, expired); payload fields in docs/mqtt.md. */
    public static final String TOPIC_BACKUP = "events/backup";

    private EventJson() {}

    /** The topic suffix of an event: one per {@link io.motam.protocol.message.EventKind}, no default. */
    public static String topicOf(Event e) {
        return switch (e.kind()) {
            case MODE_CHANGED -> TOPIC_MODE;
            case RECOGNITION -> TOPIC_RECOGNITION;
            case PRESENCE -> TOPIC_PRESENCE;
        };
    }

    public static ObjectNode of(ObjectMapper mapper, Event event, String cameraId, long seq) {
        ObjectNode n = header(mapper, event.id().toString(), cameraId, event.at());
        n.put("seq", seq);
        if (event instanceof ModeChanged m) {
            n.put("from", m.from().name())
                    .put("to", m.to().name())
                    .put("alertCount", m.alertCount())
                    .put("reason", m.reason());
        } else if (event instanceof Recognition r) {
            n.put("verdict", r.verdict().name());
            if (Double.isFinite(r.distance())) {
                n.put("distance", Math.round(r.distance() * 100) / 100.0);
            } else {
                n.putNull("distance");
            }
            n.put("threshold", Math.round(r.threshold() * 100) / 100.0).put("faces", r.faces());
        } else if (event instanceof Presence p) {
            n.put("state", p.state().name())
                    .put("track", p.trackId())
                    .put("faces", p.faces())
                    .put("detail", p.detail());
        }
        return n;
    }

    public static ObjectNode header(ObjectMapper mapper, String id, String cameraId, Instant at) {
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", SCHEMA).put("id", id).put("camera", cameraId).put("ts", at.toString());
        return n;
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
