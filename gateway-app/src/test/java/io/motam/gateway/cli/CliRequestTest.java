package io.motam.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests the command line sends, seen by a real HTTP server on loopback standing in for the
 * gateway's API, and the exit status it makes of the answers.
 */
class CliRequestTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Seen(String method, String path, String authorization, String contentType, String body) {}

    private record Run(int status, String out, String err) {}

    @TempDir
    Path dir;

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int answerStatus = 200;
    private String url;
    private Path token;

    @BeforeEach
    void startApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            seen.add(new Seen(
                    ex.getRequestMethod(),
                    ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Authorization"),
                    ex.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8)));
            byte[] answer = "{\"accepted\":true,\"reason\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answerStatus, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        token = Files.writeString(dir.resolve("api-token"), "t0ken-for-tests\n");
    }

    @AfterEach
    void stopApi() {
        server.stop(0);
    }

    private Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run api(String stdin, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = token.toString();
        return run(stdin, all);
    }

    @Test
    void stop_withCamera_postsTheCameraFieldAsJson_withTheToken() throws IOException {
        Run r = api("", "stop", "--camera", "cam2");
        assertEquals(0, r.status(), r.err());
        Seen s = seen.get(0);
        assertEquals("POST", s.method());
        assertEquals("/api/stop", s.path());
        assertEquals("Bearer t0ken-for-tests", s.authorization());
        assertEquals("application/json", s.contentType());
        JsonNode body = MAPPER.readTree(s.body());
        assertEquals("cam2", body.path("camera").asText());
        assertEquals(1, body.size(), s.body());
    }

    @Test
    void resume_all_sendsTheAllCamerasField() throws IOException {
        assertEquals(0, api("", "resume", "--all").status());
        assertEquals("/api/resume", seen.get(0).path());
        assertEquals("*", MAPPER.readTree(seen.get(0).body()).path("camera").asText());
    }

    @Test
    void release_withCodeAndCamera_sendsBothFields_codeFromStandardInput() throws IOException {
        assertEquals(
                0,
                api("a \"quoted\" c\\ode\n", "release", "--code", "--camera", "cam-1")
                        .status());
        JsonNode body = MAPPER.readTree(seen.get(0).body());
        assertEquals("a \"quoted\" c\\ode", body.path("code").asText());
        assertEquals("cam-1", body.path("camera").asText());
    }

    @Test
    void stop_withoutCameraOrCode_sendsNoBody() {
        assertEquals(0, api("", "stop").status());
        assertEquals("", seen.get(0).body());
    }

    @Test
    void stop_cameraAndAllTogether_isAUsageError_andSendsNothing() {
        Run r = api("", "stop", "--camera", "cam1", "--all");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
        assertEquals(List.of(), seen);
    }

    @Test
    void unknownOptionOrMissingCamera_isAUsageError_andSendsNothing() {
        assertEquals(2, api("", "stop", "--bogus").status());
        assertEquals(2, api("", "revoke").status());
        assertEquals(2, api("", "stop", "--camera").status());
        assertEquals(List.of(), seen);
    }

    @Test
    void help_perCommand_namesItsOptions_andExitsZero_withoutARequest() {
        Run r = run("", "release", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(
                r.out().contains("--camera=ID")
                        && r.out().contains("--all")
                        && r.out().contains("--code")
                        && r.out().contains("--token-file"),
                r.out());
        Run pair = run("", "pair", "-h");
        assertEquals(0, pair.status());
        assertTrue(pair.out().contains("pairing offer") && !pair.out().contains("--camera"), pair.out());
        assertEquals(List.of(), seen);
    }

    @Test
    void revoke_postsToTheCamerasRevokePath() {
        assertEquals(0, api("", "revoke", "cam9").status());
        assertEquals("/api/cameras/cam9/revoke", seen.get(0).path());
    }

    @Test
    void answers_refusedIsOne_otherErrorsAreTwo() {
        answerStatus = 409;
        assertEquals(1, api("", "stop").status(), "a refusal");
        answerStatus = 404;
        assertEquals(1, api("", "revoke", "nobody").status(), "an unknown camera");
        answerStatus = 500;
        Run r = api("", "status");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("HTTP 500"), r.err());
    }

    @Test
    void isCommand_knowsEveryCommand_andNothingElse() {
        for (String c : List.of("pair", "revoke", "stop", "resume", "release", "status", "hash-release-code")) {
            assertTrue(Cli.isCommand(c), c);
        }
        assertEquals(7, Cli.COMMANDS.size());
        assertTrue(!Cli.isCommand("--help") && !Cli.isCommand("serve"));
    }
}
