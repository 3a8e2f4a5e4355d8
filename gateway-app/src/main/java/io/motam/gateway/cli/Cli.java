package io.motam.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The operator's command line, run against the running gateway's local HTTP API:
 *
 * <pre>
 *   java -jar quarkus-run.jar pair                 open a pairing offer, print its QR code
 *   java -jar quarkus-run.jar revoke &lt;camera&gt;      revoke a camera and throw it out
 *   java -jar quarkus-run.jar stop|resume|release [--code] [--camera ID | --all]
 *   java -jar quarkus-run.jar status
 *   java -jar quarkus-run.jar hash-release-code    print a hash for motam.gateway.release.code-hash
 *   java -jar quarkus-run.jar &lt;command&gt; --help     what a command takes
 *   options: --url http://127.0.0.1:8420 (default from MOTAM_HTTP_PORT / -Dmotam.http.port)
 *            --token-file FILE (default &lt;data-dir&gt;/api-token, the data directory from
 *            -Dmotam.data-dir / MOTAM_DATA_DIR / ~/.local/share/motam/gateway)
 * </pre>
 *
 * Every request carries the gateway's local API token ({@code Authorization: Bearer}); run the
 * command as the gateway's user (or root) so the owner-only token file can be read.
 * {@code --camera ID} addresses stop, resume and release to one camera and {@code --all} to every
 * camera (the {@code camera} field of the request, {@code "*"} for all); without either the
 * gateway applies its default (its one camera).
 *
 * <p>Codes are read from the console without echo (or the first line of standard input when there
 * is no console) into a {@code char[]} and wiped after use. Exit status 0 = accepted, 1 = refused,
 * 2 = usage or connection error.
 *
 * <p>Parsed with plain picocli rather than the {@code quarkus-picocli} extension: that extension
 * makes the whole application a command-mode one, whereas {@link GatewayMain} runs either this
 * command line (without starting Quarkus) or the long-running server, chosen from argv.
 */
@Command(
        name = "motam-gateway",
        description = "Operate the running MOTAM gateway through its local HTTP API.",
        subcommands = {
            Cli.Pair.class,
            Cli.Revoke.class,
            Cli.Stop.class,
            Cli.Resume.class,
            Cli.Release.class,
            Cli.Status.class,
            Cli.HashReleaseCode.class
        },
        usageHelpAutoWidth = true)
public final class Cli {
    /** Exit status: the gateway accepted the command. */
    static final int ACCEPTED = 0;
    /** Exit status: the gateway refused the command (wrong state, wrong code, unknown camera). */
    static final int REFUSED = 1;
    /** Exit status: bad usage, or the gateway could not be reached or read. */
    static final int USAGE_OR_CONNECTION = 2;
    /** What {@code --all} sends as the {@code camera} field. */
    static final String ALL_CAMERAS = "*";

    static final Set<String> COMMANDS = Stream.of(
                    Cli.class.getAnnotation(Command.class).subcommands())
            .map(c -> c.getAnnotation(Command.class).name())
            .collect(Collectors.toUnmodifiableSet());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final InputStream in;

    private Cli(InputStream in) {
        this.in = in;
    }

    public static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    /** Runs {@code args} (a command and its options) and returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new Cli(in))
                .setOut(o)
                .setErr(e)
                .setExecutionExceptionHandler((ex, line, parsed) -> {
                    line.getErr().println(line.getCommandName() + " failed: " + ex.getMessage());
                    return USAGE_OR_CONNECTION;
                });
        try {
            return cl.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    static String defaultUrl() {
        String port = System.getProperty("motam.http.port", System.getenv().getOrDefault("MOTAM_HTTP_PORT", "8420"));
        return "http://127.0.0.1:" + port;
    }

    static Path defaultTokenFile() {
        String dir = System.getProperty(
                "motam.data-dir",
                System.getenv()
                        .getOrDefault(
                                "MOTAM_DATA_DIR", System.getProperty("user.home") + "/.local/share/motam/gateway"));
        return Path.of(dir, "api-token");
    }

    // --- options shared by the commands ------------------------------------------------------

    /** {@code -h/--help} on every command. */
    static final class Help {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show what this command takes, then exit.")
        boolean help;
    }

    /** Where the gateway's API is and the token that opens it. */
    static final class ApiOptions {
        @Option(
                names = "--url",
                paramLabel = "URL",
                description = "The gateway's local API (default: ${DEFAULT-VALUE}).")
        String url = defaultUrl();

        @Option(
                names = "--token-file",
                paramLabel = "FILE",
                description = "The gateway's API token file (default: ${DEFAULT-VALUE}).")
        Path tokenFile = defaultTokenFile();

        @Mixin
        Help help;

        /** Reads the token; tells the operator why when it cannot. */
        Api open(PrintWriter err) {
            try {
                return new Api(
                        url.replaceAll("/+$", ""),
                        Files.readString(tokenFile, StandardCharsets.US_ASCII).trim());
            } catch (IOException e) {
                err.println("cannot read the gateway's API token " + tokenFile + " ("
                        + e.getClass().getSimpleName() + "): run as the gateway's user, or pass --token-file");
                return null;
            }
        }
    }

    /** Which camera a stop, resume or release addresses: one, or all; neither leaves it to the gateway. */
    static final class Target {
        @Option(names = "--camera", paramLabel = "ID", required = true, description = "Address one camera.")
        String camera;

        @Option(names = "--all", required = true, description = "Address every camera.")
        boolean all;

        String field() {
            return all ? ALL_CAMERAS : camera;
        }
    }

    /** The gateway's API and its token. */
    private record Api(String url, String token) {}

    /** A command that talks to the API: parses, opens the API, then {@link #call}s; maps failures to exit codes. */
    abstract static class ApiCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Override
        public final Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Api a = api.open(err);
            if (a == null) {
                return USAGE_OR_CONNECTION;
            }
            try {
                return call(a, spec.commandLine().getOut(), err);
            } catch (IOException e) {
                err.println("cannot reach the gateway at " + a.url() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                return USAGE_OR_CONNECTION;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return USAGE_OR_CONNECTION;
            }
        }

        abstract int call(Api api, PrintWriter out, PrintWriter err) throws IOException, InterruptedException;
    }

    // --- the commands ------------------------------------------------------------------------

    @Command(name = "status", description = "Print the gateway's state as JSON.")
    static final class Status extends ApiCommand {
        @Override
        int call(Api api, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
            return answer(send(api, "GET", "/api/status", null), out, err);
        }
    }

    @Command(name = "pair", description = "Open a pairing offer and print its QR code.")
    static final class Pair extends ApiCommand {
        @Override
        int call(Api api, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
            HttpResponse<String> r = send(api, "POST", "/api/pair", null);
            JsonNode n;
            try {
                n = MAPPER.readTree(r.body());
            } catch (JsonProcessingException e) {
                err.println("HTTP " + r.statusCode() + ": the gateway's answer is not JSON");
                return USAGE_OR_CONNECTION;
            }
            if (r.statusCode() != 200) {
                err.println("refused: " + n.path("reason").asText());
                return REFUSED;
            }
            out.println("pairing offer open until " + n.path("expiresAt").asText() + " for "
                    + n.path("endpoint").asText());
            try {
                out.print(
                        PairingQr.toTerminal(PairingOffer.decode(n.path("offer").asText())));
            } catch (MalformedOfferException e) {
                err.println("the gateway sent an offer this tool cannot read: " + e.getMessage());
            }
            out.println("(also on the status page " + api.url() + "/ and in <data-dir>/pairing/offer.png)");
            return ACCEPTED;
        }
    }

    @Command(name = "revoke", description = "Revoke an authorised camera and throw it out.")
    static final class Revoke extends ApiCommand {
        @Parameters(paramLabel = "CAMERA", description = "The camera's id.")
        String camera;

        @Override
        int call(Api api, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
            return answer(send(api, "POST", "/api/cameras/" + camera + "/revoke", null), out, err);
        }
    }

    /** Stop, resume and release: an optional code read without echo, an optional addressee. */
    abstract static class StateCommand extends ApiCommand {
        @ParentCommand
        Cli cli;

        @Option(
                names = "--code",
                description = "Ask for the release code (without echo; else the first line of standard input).")
        boolean askCode;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Target target;

        @Override
        int call(Api api, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
            String camera = target == null ? null : target.field();
            char[] code = askCode ? readSecret("release code: ", cli.in) : null;
            byte[] body;
            try {
                body = code == null && camera == null ? null : commandJson(code, camera);
            } finally {
                if (code != null) {
                    Arrays.fill(code, '\0');
                }
            }
            try {
                return answer(send(api, "POST", "/api/" + spec.name(), body), out, err);
            } finally {
                if (body != null) {
                    Arrays.fill(body, (byte) 0);
                }
            }
        }
    }

    @Command(name = "stop", description = "Stop the system (or one camera).")
    static final class Stop extends StateCommand {}

    @Command(name = "resume", description = "Resume after a stop.")
    static final class Resume extends StateCommand {}

    @Command(name = "release", description = "Release a blocked camera (usually with --code).")
    static final class Release extends StateCommand {}

    @Command(
            name = "hash-release-code",
            description = "Read a new release code twice (once without a console) and print its hash for "
                    + "motam.gateway.release.code-hash.")
    static final class HashReleaseCode implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @ParentCommand
        Cli cli;

        @Mixin
        Help help;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            char[] code = readSecret("new release code: ", cli.in);
            char[] again = System.console() != null ? readSecret("again: ", cli.in) : code.clone();
            try {
                if (!Arrays.equals(code, again)) {
                    err.println("the two codes differ");
                    return USAGE_OR_CONNECTION;
                }
                ReleaseCodeHash h =
                        ReleaseCodeHash.create(code, ReleaseCodeHash.DEFAULT_ITERATIONS, new SecureRandom());
                out.println("motam.gateway.release.code-hash=" + h.encode());
                return ACCEPTED;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return USAGE_OR_CONNECTION;
            } finally {
                Arrays.fill(code, '\0');
                Arrays.fill(again, '\0');
            }
        }
    }

    // --- HTTP --------------------------------------------------------------------------------

    /** Prints the answer; 200 is accepted, 404 and 409 refused, anything else an error. */
    private static int answer(HttpResponse<String> r, PrintWriter out, PrintWriter err) {
        out.println(r.body());
        if (r.statusCode() == 200) {
            return ACCEPTED;
        }
        err.println("HTTP " + r.statusCode());
        return r.statusCode() == 409 || r.statusCode() == 404 ? REFUSED : USAGE_OR_CONNECTION;
    }

    private static HttpResponse<String> send(Api api, String method, String path, byte[] body)
            throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + api.token());
        if (method.equals("GET")) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json")
                    .POST(
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- secrets -----------------------------------------------------------------------------

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
            for (int ch; (ch = r.read()) >= 0 && ch != '\n' && ch != '\r' && n < buf.length; ) {
                buf[n++] = (char) ch;
            }
            char[] out = Arrays.copyOf(buf, n);
            Arrays.fill(buf, '\0');
            return out;
        } catch (IOException e) {
            return new char[0];
        }
    }

    /**
     * The body of a stop, resume or release: {@code {"code":"…","camera":"…"}}, each field only
     * when given, as UTF-8 bytes; the code is JSON-escaped without passing through a String.
     */
    static byte[] commandJson(char[] code, String camera) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write('{');
        if (code != null) {
            b.writeBytes("\"code\":\"".getBytes(StandardCharsets.US_ASCII));
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
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
            b.write('"');
        }
        if (camera != null) {
            if (code != null) {
                b.write(',');
            }
            b.writeBytes("\"camera\":".getBytes(StandardCharsets.US_ASCII));
            try {
                b.writeBytes(MAPPER.writeValueAsBytes(camera));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a string is always JSON", e);
            }
        }
        b.write('}');
        return b.toByteArray();
    }
}
