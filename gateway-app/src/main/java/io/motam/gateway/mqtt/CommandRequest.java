package io.motam.gateway.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.state.CameraTarget;
import io.motam.protocol.message.Identifiers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A command payload, checked. Layout (every field optional unless the command needs it):
 *
 * <pre>
 *   (empty)                                    no correlation id: the gateway makes one
 *   {"id":"r-17"}                              stop, resume, pair
 *   {"id":"r-18","code":"493817"}              release
 *   {"id":"r-20","camera":"cam2"}              stop, resume, release of camera cam2; "*" = all cameras
 *   {"id":"r-19","camera":"cam2"}              revoke
 *   {"action":"DISARM","code":"493817"}        alarm (Home Assistant's alarm panel)
 * </pre>
 *
 * Ids and camera ids match {@link Identifiers#ID} (a state command's camera may also be
 * {@code "*"}, all cameras); the code is at most {@value #MAX_CODE}
 * characters and is held as a {@code char[]} to be wiped after use.
 *
 * @param correlationId the command's id, or one made by the gateway
 * @param camera        the camera a revoke names, or that a state command addresses ({@code *} = all)
 * @param action        the alarm panel's action
 * @param code          the release code (empty when none); wipe with {@link #wipe()}
 */
record CommandRequest(String correlationId, Optional<String> camera, Optional<String> action, char[] code) {
    /** Longest payload read, in bytes. */
    static final int MAX_PAYLOAD = 4096;
    /** Longest release code accepted, in characters. */
    static final int MAX_CODE = 128;

    void wipe() {
        Arrays.fill(code, '\0');
    }

    @Override
    public String toString() {
        return "CommandRequest[id=" + correlationId + ", camera=" + camera.orElse("-") + ", action="
                + action.orElse("-") + ", code=" + (code.length == 0 ? "none" : "(redacted)") + "]";
    }

    /**
     * Parses a payload.
     *
     * @param fallbackId the correlation id to use when the payload names none (or a bad one)
     * @throws MalformedCommandException with the reason and the best correlation id known
     */
    static CommandRequest parse(ObjectMapper mapper, byte[] payload, String fallbackId)
            throws MalformedCommandException {
        if (payload.length > MAX_PAYLOAD) {
            throw new MalformedCommandException(
                    fallbackId, "payload of " + payload.length + " bytes is over " + MAX_PAYLOAD);
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return new CommandRequest(fallbackId, Optional.empty(), Optional.empty(), new char[0]);
        }
        JsonNode n;
        try {
            n = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedCommandException(fallbackId, "payload is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new MalformedCommandException(fallbackId, "payload must be a JSON object");
        }
        String id = fallbackId;
        if (n.hasNonNull("id")) {
            if (!n.get("id").isTextual()
                    || !Identifiers.ID.matcher(n.get("id").asText()).matches()) {
                throw new MalformedCommandException(
                        fallbackId, "id must be a string matching " + Identifiers.ID.pattern());
            }
            id = n.get("id").asText();
        }
        Optional<String> camera = Optional.empty();
        if (n.hasNonNull("camera")) {
            if (!n.get("camera").isTextual()
                    || !(Identifiers.ID.matcher(n.get("camera").asText()).matches()
                            || n.get("camera").asText().equals(CameraTarget.ALL_TOKEN))) {
                throw new MalformedCommandException(
                        id,
                        "camera must be \"" + CameraTarget.ALL_TOKEN + "\" or a string matching "
                                + Identifiers.ID.pattern());
            }
            camera = Optional.of(n.get("camera").asText());
        }
        Optional<String> action = Optional.empty();
        if (n.hasNonNull("action")) {
            if (!n.get("action").isTextual() || n.get("action").asText().length() > 32) {
                throw new MalformedCommandException(id, "action must be a string of at most 32 characters");
            }
            action = Optional.of(n.get("action").asText());
        }
        char[] code = new char[0];
        if (n.hasNonNull("code")) {
            JsonNode c = n.get("code");
            if (!c.isTextual() && !c.isIntegralNumber()) {
                throw new MalformedCommandException(id, "code must be a string");
            }
            String s = c.asText();
            if (s.length() > MAX_CODE) {
                throw new MalformedCommandException(id, "code is longer than " + MAX_CODE + " characters");
            }
            code = s.toCharArray();
        }
        return new CommandRequest(id, camera, action, code);
    }

    /** A payload that cannot be a command; the reason is safe to publish. */
    static final class MalformedCommandException extends Exception {
        private final String correlationId;

        MalformedCommandException(String correlationId, String reason) {
            super(reason, null, false, false);
            this.correlationId = correlationId;
        }

        String correlationId() {
            return correlationId;
        }
    }
}
