package io.motam.camera.pairing;

import io.motam.protocol.session.Fingerprint;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The gateway this camera belongs to, learned once from a pairing offer: its id, where to reach
 * it and its pinned key fingerprint. Stored in {@code <data-dir>/gateway.properties}.
 */
public record GatewayPin(String gatewayId, String endpoint, Fingerprint fingerprint) {

    static final String FILE = "gateway.properties";

    public static Optional<GatewayPin> load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(f, StandardCharsets.UTF_8)));
        String id = p.getProperty("gateway.id");
        String endpoint = p.getProperty("gateway.endpoint");
        String fp = p.getProperty("gateway.fingerprint");
        if (id == null || endpoint == null || fp == null) {
            throw new IOException(
                    f + " lacks gateway.id, gateway.endpoint or gateway.fingerprint; remove it to pair again");
        }
        try {
            return Optional.of(new GatewayPin(id, endpoint, Fingerprint.fromHex(fp)));
        } catch (IllegalArgumentException e) {
            throw new IOException(f + ": " + e.getMessage());
        }
    }

    public void save(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("gateway.id", gatewayId);
        p.setProperty("gateway.endpoint", endpoint);
        p.setProperty("gateway.fingerprint", fingerprint.hex());
        StringWriter w = new StringWriter();
        p.store(w, "MOTAM: the gateway this camera is paired with");
        AtomicFiles.write(dataDir.resolve(FILE), w.toString().getBytes(StandardCharsets.UTF_8), true);
    }
}
