package io.motam.gateway.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.journal.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The retained {@code diagnostics} payload (docs/mqtt.md), for people and tools that watch many
 * gateways, in the spirit of Zigbee2MQTT's {@code bridge/info} and Frigate's {@code stats}:
 * <pre>
 * {"schema":1,"gateway":"gw1","version":"0.1.0","startedAt":"…","uptimeSeconds":3600,
 *  "journal":{"last":120,"bridged":118,"backlog":2},
 *  "cameras":{"connected":["cam1"],"count":1},
 *  "mqtt":{"connection":3},
 *  "lastError":{"reason":"connection lost: …","at":"…"},   (null when none since start)
 *  "ts":"…"}
 * </pre>
 */
record DiagnosticsPayload(
        String gateway,
        String version,
        Instant startedAt,
        long journalLast,
        long journalBridged,
        List<String> cameras,
        long connection,
        Optional<LastError> lastError,
        Instant now) {

    /** The most recent problem the bridge saw: a refused or lost connection, or a failed step. */
    record LastError(String reason, Instant at) {
        static Optional<LastError> latest(Optional<LastError> a, Optional<LastError> b) {
            if (a.isEmpty()) {
                return b;
            }
            if (b.isEmpty()) {
                return a;
            }
            return a.get().at().isAfter(b.get().at()) ? a : b;
        }
    }

    byte[] toJson(ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", EventJson.SCHEMA);
        n.put("gateway", gateway);
        n.put("version", version);
        n.put("startedAt", startedAt.toString());
        n.put("uptimeSeconds", Duration.between(startedAt, now).toSeconds());
        n.putObject("journal")
                .put("last", journalLast)
                .put("bridged", journalBridged)
                .put("backlog", Math.max(0, journalLast - journalBridged));
        ObjectNode cams = n.putObject("cameras");
        cameras.forEach(cams.putArray("connected")::add);
        cams.put("count", cameras.size());
        n.putObject("mqtt").put("connection", connection);
        if (lastError.isPresent()) {
            n.putObject("lastError")
                    .put("reason", lastError.get().reason())
                    .put("at", lastError.get().at().toString());
        } else {
            n.putNull("lastError");
        }
        n.put("ts", now.toString());
        try {
            return mapper.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
