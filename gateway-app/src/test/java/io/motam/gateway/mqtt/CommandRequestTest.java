package io.motam.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandRequestTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static CommandRequest parse(String payload) throws CommandRequest.MalformedCommandException {
        return CommandRequest.parse(MAPPER, payload.getBytes(StandardCharsets.UTF_8), "fallback");
    }

    private static String refusal(String payload) {
        return assertThrows(CommandRequest.MalformedCommandException.class, () -> parse(payload))
                .getMessage();
    }

    @Test
    void parse_emptyPayload_usesTheFallbackId() throws Exception {
        CommandRequest r = parse("  ");
        assertEquals("fallback", r.correlationId());
        assertEquals(0, r.code().length);
    }

    @Test
    void parse_releaseWithCode_keepsIdAndCode() throws Exception {
        CommandRequest r = parse("{\"id\":\"r-1\",\"code\":\"493817\"}");
        assertEquals("r-1", r.correlationId());
        assertArrayEquals("493817".toCharArray(), r.code());
        assertFalse(r.toString().contains("493817"));
        r.wipe();
        assertArrayEquals(new char[6], r.code());
    }

    @Test
    void parse_numericCode_isTakenAsText() throws Exception {
        assertArrayEquals("1234".toCharArray(), parse("{\"code\":1234}").code());
    }

    @Test
    void parse_revokeAndAlarm_fields() throws Exception {
        assertEquals(
                "cam2", parse("{\"id\":\"v\",\"camera\":\"cam2\"}").camera().orElseThrow());
        CommandRequest a = parse("{\"action\":\"DISARM\",\"code\":null}");
        assertEquals("DISARM", a.action().orElseThrow());
        assertEquals(0, a.code().length);
        assertEquals("fallback", a.correlationId());
    }

    @Test
    void parse_badPayloads_refusedWithAReason() {
        assertEquals("payload is not JSON", refusal("{nope"));
        assertEquals("payload must be a JSON object", refusal("\"stop\""));
        assertTrue(refusal("{\"id\":\"a b\"}").startsWith("id must be a string matching"));
        assertTrue(refusal("{\"id\":42}").startsWith("id must be a string matching"));
        assertTrue(refusal("{\"camera\":\"cam/1\"}").startsWith("camera must be \"*\" or a string matching"));
        assertEquals("code must be a string", refusal("{\"code\":{\"x\":1}}"));
        assertEquals("code is longer than 128 characters", refusal("{\"code\":\"" + "1".repeat(129) + "\"}"));
        assertEquals(
                "action must be a string of at most 32 characters", refusal("{\"action\":\"" + "A".repeat(33) + "\"}"));
        assertEquals("payload of 4097 bytes is over 4096", refusal(" ".repeat(4097)));
    }

    @Test
    void parse_badFieldAfterAGoodId_keepsTheIdForTheAnswer() {
        CommandRequest.MalformedCommandException e = assertThrows(
                CommandRequest.MalformedCommandException.class,
                () -> parse("{\"id\":\"r-9\",\"camera\":\"bad camera\"}"));
        assertEquals("r-9", e.correlationId());
    }

    @Test
    void printable_controlCharactersAndLength_areTamed() {
        assertEquals("a?b", CommandListener.printable("a\nb"));
        assertEquals(64, CommandListener.printable("x".repeat(300)).length());
    }
}
