package io.motam.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The few fields operator requests carry, read from a JSON object ({@code {"id":"…","code":"…"}})
 * or an HTML form ({@code id=…&code=…}). The {@code code} field is extracted straight into a
 * {@code char[]} (never a {@code String}); the caller wipes it.
 */
final class RequestFields {
    /** Longest request body read. */
    static final int MAX_BODY = 4096;

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, String> plain;
    private final char[] code;

    private RequestFields(Map<String, String> plain, char[] code) {
        this.plain = plain;
        this.code = code;
    }

    /** Parses a body by its content type; an empty body has no fields. */
    static RequestFields parse(byte[] body, String contentType) throws MalformedRequestException {
        if (body == null || body.length == 0) {
            return new RequestFields(Map.of(), null);
        }
        if (body.length > MAX_BODY) {
            throw new MalformedRequestException("body of " + body.length + " bytes is over " + MAX_BODY);
        }
        boolean form = contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
        return form ? form(body) : json(body);
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(plain.get(name)).filter(s -> !s.isBlank());
    }

    /** The code, or {@code null}; the caller owns (and wipes) the array. */
    char[] code() {
        return code;
    }

    private static RequestFields json(byte[] body) throws MalformedRequestException {
        Map<String, String> plain = new HashMap<>();
        char[] code = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRequestException("expected a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if ("code".equals(name) && v == JsonToken.VALUE_STRING) {
                    char[] buf = p.getTextCharacters();
                    code = Arrays.copyOfRange(buf, p.getTextOffset(), p.getTextOffset() + p.getTextLength());
                } else if (v != JsonToken.VALUE_NULL) {
                    plain.put(name, p.getText());
                }
            }
            return new RequestFields(plain, code);
        } catch (IOException e) {
            if (code != null) {
                Arrays.fill(code, '\0');
            }
            throw new MalformedRequestException("body is not a JSON object");
        }
    }

    private static RequestFields form(byte[] body) throws MalformedRequestException {
        Map<String, String> plain = new HashMap<>();
        char[] code = null;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i < body.length && body[i] != '&') {
                continue;
            }
            int eq = start;
            while (eq < i && body[eq] != '=') {
                eq++;
            }
            byte[] key = percentDecode(body, start, eq);
            byte[] value = eq < i ? percentDecode(body, eq + 1, i) : new byte[0];
            String name = new String(key, StandardCharsets.UTF_8);
            if ("code".equals(name)) {
                code = utf8(value);
            } else {
                plain.put(name, new String(value, StandardCharsets.UTF_8));
            }
            Arrays.fill(value, (byte) 0);
            start = i + 1;
        }
        return new RequestFields(plain, code != null && code.length == 0 ? null : code);
    }

    private static byte[] percentDecode(byte[] in, int from, int to) throws MalformedRequestException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new MalformedRequestException("truncated percent escape in form");
                }
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedRequestException("bad percent escape in form");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static char[] utf8(byte[] bytes) throws MalformedRequestException {
        try {
            CharBuffer cb = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] out = Arrays.copyOfRange(cb.array(), cb.position(), cb.limit());
            Arrays.fill(cb.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw new MalformedRequestException("code is not UTF-8");
        }
    }

    /** The request body cannot be read as the fields expected. */
    static final class MalformedRequestException extends Exception {
        MalformedRequestException(String message) {
            super(message);
        }
    }
}
