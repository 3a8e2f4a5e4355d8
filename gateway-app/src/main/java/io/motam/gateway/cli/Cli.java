package io.motam.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.release.ReleaseCodeHash;
import io.motam.protocol.pairing.MalformedOfferException;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingQr;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The operator's command line, run against the running gateway's local HTTP API:
 *
 * <pre>
 *   java -jar quarkus-run.jar pair                 open a pairing offer, print its QR code
 *   java -jar quarkus-run.jar revoke &lt;camera&gt;      revoke a camera and throw it out
 *   java -jar quarkus-run.jar stop|resume|release [--code]   (--code asks for the release code)
 *   java -jar quarkus-run.jar status
 *   java -jar quarkus-run.jar hash-release-code    print a hash for motam.gateway.release.code-hash
 *   options: --url http://127.0.0.1:8420 (default from MOTAM_HTTP_PORT / -Dmotam.http.port)
 *            --token-file FILE (default &lt;data-dir&gt;/api-token, the data directory from
 *            -Dmotam.data-dir / MOTAM_DATA_DIR / ~/.local/share/motam/gateway)
 * </pre>
 *
 * Every request carries the gateway's local API token ({@code Authorization: Bearer}); run the
 * command as the gateway's user (or root) so the owner-only token file can be read.
 *
 * Codes are read from the console without echo (or the first line of standard input when there
 * is no console) into a {@code char[]} and wiped after use. Exit status 0 = accepted, 1 = refused,
 * 2 = usage or connection error.
 */
public final class Cli {
    static final Set<String> COMMANDS = Set.of("pair", "revoke", "stop", "resume", "release", "status",
            "hash-release-code");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Cli() {
    }

    public static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String command = rest.remove(0);
        String url = defaultUrl();
        Path tokenFile = defaultTokenFile();
        boolean askCode = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (a.equals("--url") && i + 1 < rest.size()) {
                url = rest.get(++i).replaceAll("/+$", "");
            } else if (a.equals("--token-file") && i + 1 < rest.size()) {
                tokenFile = Path.of(rest.get(++i));
            } else if (a.equals("--code")) {
                askCode = true;
            } else {
                positional.add(a);
            }
        }
        if (command.equals("hash-release-code")) {
            return hash(in, out, err);
        }
        Api api;
        try {
            api = new Api(url, Files.readString(tokenFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            err.println("cannot read the gateway's API token " + tokenFile + " (" + e.getClass().getSimpleName()
                    + "): run as the gateway's user, or pass --token-file");
            return 2;
        }
        try {
            return switch (command) {
                case "status" -> call(api, "GET", "/api/status", null, out, err);
                case "pair" -> pair(api, out, err);
                case "revoke" -> {
                    if (positional.size() != 1) {
                        err.println("usage: revoke <camera id>");
                        yield 2;
                    }
                    yield call(api, "POST", "/api/cameras/" + positional.get(0) + "/revoke", null, out, err);
                }
                default -> command(api, command, askCode, in, out, err);
            };
        } catch (IOException e) {
            err.println("cannot reach the gateway at " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    static String defaultUrl() {
        String port = System.getProperty("motam.http.port", System.getenv().getOrDefault("MOTAM_HTTP_PORT", "8420"));
        return "http://127.0.0.1:" + port;
    }

    /** The gateway's API and its token. */
    private record Api(String url, String token) {
    }

    static Path defaultTokenFile() {
        String dir = System.getProperty("motam.data-dir", System.getenv().getOrDefault("MOTAM_DATA_DIR",
                System.getProperty("user.home") + "/.local/share/motam/gateway"));
        return Path.of(dir, "api-token");
    }

    private static int pair(Api api, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        String url = api.url();
        HttpResponse<String> r = send(api, "POST", "/api/pair", null);
        JsonNode n = MAPPER.readTree(r.body());
        if (r.statusCode() != 200) {
            err.println("refused: " + n.path("reason").asText());
            return 1;
        }
        out.println("pairing offer open until " + n.path("expiresAt").asText() + " for " + n.path("endpoint").asText());
        try {
            out.print(PairingQr.toTerminal(PairingOffer.decode(n.path("offer").asText())));
        } catch (MalformedOfferException e) {
            err.println("the gateway sent an offer this tool cannot read: " + e.getMessage());
        }
        out.println("(also on the status page " + url + "/ and in <data-dir>/pairing/offer.png)");
        return 0;
    }

    private static int command(Api api, String name, boolean askCode, InputStream in, PrintStream out,
            PrintStream err) throws IOException, InterruptedException {
        byte[] body = null;
        if (askCode) {
            char[] code = readSecret("release code: ", in);
            try {
                body = jsonWithCode(code);
            } finally {
                Arrays.fill(code, '\0');
            }
        }
        try {
            return call(api, "POST", "/api/" + name, body, out, err);
        } finally {
            if (body != null) {
                Arrays.fill(body, (byte) 0);
            }
        }
    }

    private static int call(Api api, String method, String path, byte[] body, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        HttpResponse<String> r = send(api, method, path, body);
        out.println(r.body());
        if (r.statusCode() == 200) {
            return 0;
        }
        err.println("HTTP " + r.statusCode());
        return r.statusCode() == 409 || r.statusCode() == 404 ? 1 : 2;
    }

    private static HttpResponse<String> send(Api api, String method, String path, byte[] body)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + api.token());
        if (method.equals("GET")) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int hash(InputStream in, PrintStream out, PrintStream err) {
        char[] code = readSecret("new release code: ", in);
        char[] again = System.console() != null ? readSecret("again: ", in) : code.clone();
        try {
            if (!Arrays.equals(code, again)) {
                err.println("the two codes differ");
                return 2;
            }
            ReleaseCodeHash h = ReleaseCodeHash.create(code, ReleaseCodeHash.DEFAULT_ITERATIONS, new SecureRandom());
            out.println("motam.gateway.release.code-hash=" + h.encode());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } finally {
            Arrays.fill(code, '\0');
            Arrays.fill(again, '\0');
        }
    }

    /** Reads a secret without echo from the console, else the first line of {@code in}. */
    static char[] readSecret(String prompt, InputStream in) {
        Console console = System.console();
        if (console != null) {
            char[] c = console.readPassword("%s", prompt);
            return c == null ? new char[0] : c;
        }
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            char[] buf = new char[256];
            int n = 0;
            for (int ch; (ch = r.read()) >= 0 && ch != '\n' && ch != '\r' && n < buf.length;) {
                buf[n++] = (char) ch;
            }
            char[] out = Arrays.copyOf(buf, n);
            Arrays.fill(buf, '\0');
            return out;
        } catch (IOException e) {
            return new char[0];
        }
    }

    /** {@code {"code":"…"}} as UTF-8 bytes, with the code JSON-escaped; never through a String. */
    static byte[] jsonWithCode(char[] code) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"code\":\"".getBytes(StandardCharsets.US_ASCII));
        CharBuffer escaped = CharBuffer.allocate(code.length * 6);
        for (char c : code) {
            if (c == '"' || c == '\\') {
                escaped.put('\\').put(c);
            } else if (c < 0x20) {
                escaped.put(String.format("\\u%04x", (int) c));
            } else {
                escaped.put(c);
            }
        }
        escaped.flip();
        var bytes = StandardCharsets.UTF_8.encode(escaped);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        b.writeBytes(raw);
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(escaped.array(), '\0');
        b.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }
}
