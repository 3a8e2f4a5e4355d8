package io.motam.gateway.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.CommandKind;
import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.link.ActiveCameras;
import io.motam.gateway.state.CommandOutcome;
import io.motam.gateway.state.SystemStateController;
import io.motam.protocol.message.Identifiers;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes operator commands from {@code <prefix>/<gw>/cmd/<name>}: applies them to the system
 * state (guarded), forwards accepted ones to the camera, and answers every command on
 * {@code cmd/result} (journaled, so the answer survives a broker outage). Payload: empty, or JSON
 * {@code {"id":"<correlation id>"}}; a malformed payload or unknown command is refused and
 * changes nothing.
 */
@ApplicationScoped
public class CommandListener {
    private static final Logger LOG = Logger.getLogger(CommandListener.class);
    /** Longest command payload read. */
    static final int MAX_PAYLOAD = 4096;

    @Inject SystemStateController state;
    @Inject ActiveCameras cameras;
    @Inject EventJournal journal;
    @Inject ObjectMapper mapper;
    @Inject GatewayConfig gateway;

    @Incoming(Channels.COMMANDS)
    @Blocking(ordered = true)
    public CompletionStage<Void> onCommand(Message<byte[]> msg) {
        String topic = msg.getMetadata(ReceivingMqttMessageMetadata.class).map(ReceivingMqttMessageMetadata::getTopic)
                .orElse("");
        String name = topic.substring(topic.lastIndexOf('/') + 1);
        if (Topics.CMD_RESULT.endsWith("/" + name)) {
            return msg.ack(); // our own answers arrive through the cmd/+ subscription: not a command
        }
        byte[] payload = msg.getPayload() == null ? new byte[0] : msg.getPayload();
        String correlationId = EventJson.newId();
        CommandOutcome outcome;
        try {
            correlationId = correlationId(payload).orElse(correlationId);
            Optional<CommandKind> kind = CommandKind.fromName(name);
            if (kind.isEmpty()) {
                outcome = CommandOutcome.refused("unknown command '" + name + "'");
            } else {
                outcome = state.command(kind.get());
                if (outcome.accepted()) {
                    int sent = cameras.forward(kind.get(), correlationId);
                    LOG.infof("command %s (%s) accepted, forwarded to %d camera(s)", name, correlationId, sent);
                }
            }
        } catch (MalformedCommandException e) {
            outcome = CommandOutcome.refused(e.getMessage());
        }
        if (!outcome.accepted()) {
            LOG.infof("command %s (%s) refused: %s", name, correlationId, outcome.reason());
        }
        result(name, correlationId, outcome);
        return msg.ack();
    }

    private Optional<String> correlationId(byte[] payload) throws MalformedCommandException {
        if (payload.length > MAX_PAYLOAD) {
            throw new MalformedCommandException("payload of " + payload.length + " bytes is over " + MAX_PAYLOAD);
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode n = mapper.readTree(text);
            if (!n.isObject()) {
                throw new MalformedCommandException("payload must be a JSON object");
            }
            if (!n.hasNonNull("id")) {
                return Optional.empty();
            }
            String id = n.get("id").asText();
            if (!Identifiers.ID.matcher(id).matches()) {
                throw new MalformedCommandException("id must match " + Identifiers.ID.pattern());
            }
            return Optional.of(id);
        } catch (IOException e) {
            throw new MalformedCommandException("payload is not JSON");
        }
    }

    private void result(String command, String correlationId, CommandOutcome outcome) {
        ObjectNode n = EventJson.header(mapper, EventJson.newId(), gateway.id(), Instant.now());
        n.put("command", command).put("correlationId", correlationId).put("accepted", outcome.accepted())
                .put("reason", outcome.reason());
        try {
            journal.append(Topics.CMD_RESULT, gateway.id(), 0, n);
        } catch (IOException e) {
            LOG.errorf("could not journal the result of command %s (%s): %s", command, correlationId, e.getMessage());
        }
    }

    static final class MalformedCommandException extends Exception {
        MalformedCommandException(String message) {
            super(message);
        }
    }
}
