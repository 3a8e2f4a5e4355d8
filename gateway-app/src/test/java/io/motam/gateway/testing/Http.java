package io.motam.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/** A small client for the gateway's local HTTP API in tests. */
public final class Http {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    public static String base() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "http://127.0.0.1:" + port;
    }

    /** The gateway's local API token, as the gateway wrote it in its data directory. */
    public static String token() throws IOException {
        Path dir = ConfigProvider.getConfig().getValue("motam.data-dir", Path.class);
        return Files.readString(dir.resolve("api-token")).trim();
    }

    /** A request that carries the API token, as the command line and scripts send it. */
    public static HttpRequest.Builder authorised(String path) throws IOException {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token());
    }

    public static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(authorised(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return CLIENT.send(authorised(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = authorised(path).header("Content-Type", "application/json");
        b.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request without any token, as any other local process could send it. */
    public static HttpResponse<String> anonymous(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json");
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status ("UP", "DOWN") of the check called {@code name} in a SmallRye Health answer, or "" without one. */
    public static String checkStatus(String healthJson, String name) throws IOException {
        for (JsonNode c : new ObjectMapper().readTree(healthJson).path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c.path("status").asText();
            }
        }
        return "";
    }

    public static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
