package io.motam.gateway.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.protocol.session.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The camera registry on a real file: one key per camera id, ids by the one id rule. */
class CameraRegistryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Fingerprint OLD = Fingerprint.fromHex("aa".repeat(32));
    private static final Fingerprint NEW = Fingerprint.fromHex("bb".repeat(32));
    private static final Fingerprint OTHER = Fingerprint.fromHex("cc".repeat(32));

    @TempDir
    Path dataDir;

    private CameraRegistry open() {
        CameraRegistry r = new CameraRegistry();
        r.mapper = new ObjectMapper();
        r.dataDir = dataDir;
        r.load();
        return r;
    }

    @Test
    void register_anIdAlreadyRegistered_replacesItsOldKeyInOneWrite() {
        CameraRegistry registry = open();
        assertEquals(
                List.of(),
                registry.register("cam-1", OLD, "bt:AA:BB:CC:DD:EE:01", T0).replaced());
        registry.register("cam-2", OTHER, "bt:AA:BB:CC:DD:EE:02", T0);

        CameraRegistry.Registration r = registry.register("cam-1", NEW, "bt:AA:BB:CC:DD:EE:01", T0.plusSeconds(60));

        assertEquals(
                List.of(OLD.hex()),
                r.replaced().stream().map(AuthorisedCamera::fingerprint).toList());
        assertEquals(NEW.hex(), r.camera().fingerprint());
        assertFalse(registry.isAuthorised(OLD), "the old key is revoked");
        assertTrue(registry.isAuthorised(NEW));
        assertTrue(registry.isAuthorised(OTHER), "another camera keeps its key");
        CameraRegistry reread = open();
        assertEquals(
                List.of("cam-2", "cam-1"),
                reread.all().stream().map(AuthorisedCamera::id).toList());
        assertFalse(reread.isAuthorised(OLD), "the replacement is on disk");
    }

    @Test
    void register_theSameKeyAgain_replacesNothing() {
        CameraRegistry registry = open();
        registry.register("cam-1", OLD, null, T0);
        assertEquals(
                List.of(),
                registry.register("cam-1", OLD, null, T0.plusSeconds(1)).replaced());
        assertTrue(registry.isAuthorised(OLD));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {".", "..", ".hidden", "a/b", ""})
    void register_notAnId_isRefusedAndNothingIsWritten(String id) {
        CameraRegistry registry = open();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> registry.register(id, NEW, null, T0));
        assertTrue(e.getMessage().startsWith("camera id must match"), e.getMessage());
        assertTrue(registry.isEmpty());
        assertFalse(Files.exists(dataDir.resolve("cameras.json")));
    }

    @Test
    void load_anEntryWhoseIdIsNotAnId_isIgnored() throws Exception {
        Files.writeString(
                dataDir.resolve("cameras.json"),
                "{\"cameras\":["
                        + "{\"id\":\"..\",\"fingerprint\":\"" + OLD.hex() + "\",\"pairedAt\":\"2026-12-01T00:00:00Z\"},"
                        + "{\"id\":\"cam-1\",\"fingerprint\":\"" + NEW.hex()
                        + "\",\"pairedAt\":\"2026-12-01T00:00:00Z\"}]}");
        CameraRegistry registry = open();
        assertFalse(registry.isAuthorised(OLD));
        assertTrue(registry.isAuthorised(NEW));
    }
}
