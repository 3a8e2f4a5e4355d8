package io.motam.gateway.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.state.CameraTarget;
import io.motam.gateway.state.CommandOutcome;
import io.motam.gateway.state.SystemStateController;
import io.motam.protocol.message.Identifiers;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes operator commands from {@code <prefix>/<gw>/cmd/<name>} (addressed by the payload's
 * {@code camera}: an id, or {@code *} for all) and {@code <prefix>/<gw>/camera/<id>/cmd/<name>}
 * (addressed by the topic), and answers every one on
 * {@code cmd/result} (journaled, so the answer survives a broker outage):
 * {@code {"schema":1,"id":..,"camera":"<gw>","ts":..,"command":"stop","correlationId":"..","accepted":true,"reason":"ok","target":"cam1"}}
 * ({@code target}: the camera addressed, {@code *} for all; absent when the command named none).
 *
 * <ul>
 * <li>{@code stop}, {@code resume}, {@code release}, {@code pair}, {@code revoke}: handed to the
 * gateway's one command path ({@link OperatorCommands}: state guard, release code, audit, metric,
 * forwarding), source {@code mqtt};</li>
 * <li>{@code alarm}: Home Assistant's alarm panel (source {@code homeassistant}): ARM_AWAY/ARM_HOME =
 * resume; DISARM = stop when running, release when blocked; both with the code the panel requires.</li>
 * </ul>
 * Malformed, unknown, retained or unauthorised commands are refused with a reason and change
 * nothing. Payloads are never logged (they may hold a release code).
 */
@ApplicationScoped
public class CommandListener {
    private static final Logger LOG = Logger.getLogger(CommandListener.class);
    private static final String HA = OperatorCommands.SOURCE_HOME_ASSISTANT;

    @Inject
    SystemStateController state;

    @Inject
    EventJournal journal;

    @Inject
    ObjectMapper mapper;

    @Inject
    GatewayConfig gateway;

    @Inject
    OperatorCommands operator;

    @Incoming(Channels.COMMANDS)
    @Blocking(ordered = true)
    public CompletionStage<Void> onCommand(Message<byte[]> msg) {
        Optional<ReceivingMqttMessageMetadata> meta = msg.getMetadata(ReceivingMqttMessageMetadata.class);
        String topic = meta.map(ReceivingMqttMessageMetadata::getTopic).orElse("");
        String name = topic.substring(topic.lastIndexOf('/') + 1);
        if (CommandNames.RESULT.equals(name)) {
            return msg.ack(); // our own answers arrive through the cmd/+ subscription: not a command
        }
        byte[] payload = msg.getPayload() == null ? new byte[0] : msg.getPayload();
        boolean retained = meta.map(ReceivingMqttMessageMetadata::isRetain).orElse(false);
        handle(name, payload, retained);
        return msg.ack();
    }

    /** Commands addressed by topic: {@code <prefix>/<gw>/camera/<id>/cmd/<name>}. */
    @Incoming(Channels.CAMERA_COMMANDS)
    @Blocking(ordered = true)
    public CompletionStage<Void> onCameraCommand(Message<byte[]> msg) {
        Optional<ReceivingMqttMessageMetadata> meta = msg.getMetadata(ReceivingMqttMessageMetadata.class);
        String topic = meta.map(ReceivingMqttMessageMetadata::getTopic).orElse("");
        String[] levels = topic.split("/");
        if (levels.length < 3) {
            return msg.ack();
        }
        String name = levels[levels.length - 1];
        String camera = levels[levels.length - 3];
        byte[] payload = msg.getPayload() == null ? new byte[0] : msg.getPayload();
        boolean retained = meta.map(ReceivingMqttMessageMetadata::isRetain).orElse(false);
        handle(name, Optional.of(camera), payload, retained);
        return msg.ack();
    }

    /** Applies one command from {@code cmd/<name>} and publishes its result; returns the outcome (for tests). */
    CommandOutcome handle(String name, byte[] payload, boolean retained) {
        return handle(name, Optional.empty(), payload, retained);
    }

    /**
     * Applies one command and publishes its result; {@code topicCamera} is the camera named by a
     * {@code camera/<id>/cmd/<name>} topic (a payload that names another camera is refused).
     */
    CommandOutcome handle(String name, Optional<String> topicCamera, byte[] payload, boolean retained) {
        String shownName = printable(name);
        String correlationId = EventJson.newId();
        CommandOutcome outcome;
        CameraTarget target = CameraTarget.UNADDRESSED;
        String applied = null;
        try {
            CommandRequest req = CommandRequest.parse(mapper, payload, correlationId);
            correlationId = req.correlationId();
            try {
                target = target(topicCamera, req);
                if (retained) {
                    outcome = CommandOutcome.refused("retained commands are not executed; clear the retained message");
                } else if (!CommandNames.ALL.contains(name)) {
                    outcome = CommandOutcome.refused("unknown command '" + shownName + "'");
                } else if (name.equals(CommandNames.ALARM)) {
                    Applied a = alarm(req, target);
                    outcome = a.outcome();
                    applied = a.what();
                } else if (name.equals(CommandNames.REVOKE) && topicCamera.isPresent()) {
                    outcome = operator.revoke(topicCamera.get(), OperatorCommands.SOURCE_MQTT);
                } else {
                    outcome = apply(name, req, target);
                }
            } finally {
                req.wipe();
            }
        } catch (CommandRequest.MalformedCommandException e) {
            correlationId = e.correlationId();
            outcome = CommandOutcome.refused(e.getMessage());
        } catch (IllegalArgumentException e) {
            outcome = CommandOutcome.refused(e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf("command %s (%s) failed: %s", shownName, correlationId, e.toString());
            outcome = CommandOutcome.refused("internal error");
        }
        if (outcome.accepted()) {
            LOG.infof("command %s (%s) accepted%s", shownName, correlationId, applied == null ? "" : " as " + applied);
        } else {
            LOG.infof("command %s (%s) refused: %s", shownName, correlationId, outcome.reason());
        }
        result(shownName, correlationId, outcome, applied, target);
        return outcome;
    }

    /**
     * The addressee: the topic's camera, or the payload's {@code camera} (an id or {@code *});
     * both given must agree.
     *
     * @throws IllegalArgumentException with a reason safe to publish
     */
    static CameraTarget target(Optional<String> topicCamera, CommandRequest req) {
        CameraTarget fromPayload = CameraTarget.parse(req.camera().orElse(null));
        if (topicCamera.isEmpty()) {
            return fromPayload;
        }
        if (!Identifiers.ID.matcher(topicCamera.get()).matches()) {
            throw new IllegalArgumentException("the topic's camera must match " + Identifiers.ID.pattern());
        }
        CameraTarget fromTopic = CameraTarget.one(topicCamera.get());
        if (fromPayload.kind() != CameraTarget.Kind.UNADDRESSED && !fromPayload.equals(fromTopic)) {
            throw new IllegalArgumentException("the payload's camera (" + fromPayload.label() + ") is not the topic's ("
                    + fromTopic.label() + ")");
        }
        return fromTopic;
    }

    private CommandOutcome apply(String name, CommandRequest req, CameraTarget target) {
        return switch (name) {
            case CommandNames.STOP -> transition(CommandKind.STOP, target, req, OperatorCommands.SOURCE_MQTT);
            case CommandNames.RESUME -> transition(CommandKind.RESUME, target, req, OperatorCommands.SOURCE_MQTT);
            case CommandNames.RELEASE -> transition(CommandKind.RELEASE, target, req, OperatorCommands.SOURCE_MQTT);
            case CommandNames.PAIR -> operator.pair(OperatorCommands.SOURCE_MQTT);
            case CommandNames.REVOKE ->
                req.camera()
                        .map(c -> operator.revoke(c, OperatorCommands.SOURCE_MQTT))
                        .orElseGet(() -> CommandOutcome.refused("revoke needs \"camera\""));
            default -> CommandOutcome.refused("unknown command '" + name + "'");
        };
    }

    private Applied alarm(CommandRequest req, CameraTarget target) {
        String action = req.action().map(a -> a.toUpperCase(Locale.ROOT)).orElse("");
        switch (action) {
            case "ARM_AWAY", "ARM_HOME" -> {
                return new Applied(transition(CommandKind.RESUME, target, req, HA), CommandNames.RESUME);
            }
            case "DISARM" -> {
                SystemState now = target.kind() == CameraTarget.Kind.ONE
                        ? state.status()
                                .camera(target.cameraId())
                                .map(c -> c.state())
                                .orElse(SystemState.RUNNING)
                        : state.status().system();
                if (now == SystemState.BLOCKED) {
                    return new Applied(transition(CommandKind.RELEASE, target, req, HA), CommandNames.RELEASE);
                }
                return new Applied(transition(CommandKind.STOP, target, req, HA), CommandNames.STOP);
            }
            default -> {
                return new Applied(
                        CommandOutcome.refused(
                                action.isEmpty()
                                        ? "alarm needs \"action\""
                                        : "unsupported alarm action '" + printable(action) + "'"),
                        null);
            }
        }
    }

    /** Hands a state command to the one command path (guard, code, audit, metric, forwarding). */
    private CommandOutcome transition(CommandKind kind, CameraTarget target, CommandRequest req, String source) {
        char[] code = req.code();
        return operator.apply(kind, target, code == null ? null : code.clone(), req.correlationId(), source);
    }

    private void result(
            String command, String correlationId, CommandOutcome outcome, String applied, CameraTarget target) {
        ObjectNode n = EventJson.header(mapper, EventJson.newId(), gateway.id(), Instant.now());
        n.put("command", command)
                .put("correlationId", correlationId)
                .put("accepted", outcome.accepted())
                .put("reason", outcome.reason());
        if (target.kind() != CameraTarget.Kind.UNADDRESSED) {
            n.put("target", target.label());
        }
        if (applied != null) {
            n.put("applied", applied);
        }
        try {
            journal.append(Topics.CMD_RESULT, gateway.id(), 0, n);
        } catch (IOException e) {
            LOG.errorf("could not journal the result of command %s (%s): %s", command, correlationId, e.getMessage());
        }
    }

    /** A topic level as shown in logs and results: at most 64 printable ASCII characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private record Applied(CommandOutcome outcome, String what) {}
}
