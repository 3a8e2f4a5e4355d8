package io.motam.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.release.ReleaseGuard;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-camera state on real files: the rule, addressing, and the migration of the one-camera state file. */
class SystemStateControllerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<SystemStatus> fired = new ArrayList<>();

    @Test
    void oneCameraStateFile_isMigratedOnce_andItsBlockedCameraKeepsTheSystemBlocked() throws Exception {
        Files.writeString(
                dir.resolve("state.json"),
                "{\"system\":\"BLOCKED\",\"camera\":\"cam1\",\"mode\":\"BLOCKED\","
                        + "\"alertCount\":12,\"lastSeen\":\"2026-12-01T10:00:00Z\",\"releaseEpochs\":{\"cam1\":2,\"cam0\":1},"
                        + "\"blockedCameras\":[\"cam1\"]}");
        SystemStateController c = controller(1);
        assertEquals(SystemState.BLOCKED, c.status().system());
        CameraStatus cam1 = c.status().camera("cam1").orElseThrow();
        assertEquals(SystemState.BLOCKED, cam1.state());
        assertEquals(CameraMode.BLOCKED, cam1.mode());
        assertEquals(12, cam1.alertCount());
        assertEquals(2, cam1.releaseEpoch());
        assertEquals(
                SystemState.RUNNING, c.status().camera("cam0").orElseThrow().state());
        assertEquals(1, c.releaseEpoch("cam0"));
        JsonNode written = MAPPER.readTree(dir.resolve("state.json").toFile());
        assertEquals(StateFile.VERSION, written.path("version").asInt(), "the migrated form is written back at once");
        assertEquals(
                "BLOCKED", written.path("cameras").path("cam1").path("state").asText());

        SystemStateController again = controller(1);
        assertEquals(c.status().cameras(), again.status().cameras(), "reading the new form gives the same cameras");
    }

    @Test
    void oneCameraStateFile_stoppedWithoutCamera_becomesStoppedAll() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"system\":\"STOPPED\",\"camera\":null}");
        SystemStateController c = controller(1);
        assertEquals(SystemState.STOPPED, c.status().system());
        assertTrue(c.status().stoppedAll());
        assertEquals(SystemState.STOPPED, c.cameraState("cam-new"), "a camera heard of later starts stopped");
    }

    @Test
    void oneCameraStateFile_blockedNamingNoCamera_isRefusedRatherThanOpened() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"system\":\"BLOCKED\",\"camera\":null}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> controller(1));
        assertTrue(e.getMessage().contains("names no camera"), e.getMessage());
    }

    @Test
    void secondCameraDisconnecting_leavesTheFirstCamerasStateAlone() throws Exception {
        SystemStateController c = controller(2);
        c.cameraLink("cam-a", true);
        c.cameraMode("cam-a", CameraMode.ALERT, 4);
        c.cameraLink("cam-b", true);
        c.cameraLink("cam-b", false);
        CameraStatus a = c.status().camera("cam-a").orElseThrow();
        assertTrue(a.connected());
        assertEquals(CameraMode.ALERT, a.mode());
        assertEquals(4, a.alertCount());
        assertFalse(c.status().camera("cam-b").orElseThrow().connected());
        assertTrue(c.status().anyAlert());
    }

    @Test
    void oneCameraBlocked_blocksTheSystem_aReleaseOfItReleasesOnlyIt() throws Exception {
        SystemStateController c = controller(2);
        c.cameraMode("cam-a", CameraMode.BLOCKED, 12);
        c.cameraMode("cam-b", CameraMode.BLOCKED, 12);
        assertEquals(SystemState.BLOCKED, c.status().system());

        assertTrue(c.command(CommandKind.RELEASE, CameraTarget.one("cam-a"), null, ReleaseGuard.LOCAL)
                .accepted());
        assertEquals(
                SystemState.RUNNING, c.status().camera("cam-a").orElseThrow().state());
        assertEquals(1, c.releaseEpoch("cam-a"));
        assertEquals(
                SystemState.BLOCKED, c.status().camera("cam-b").orElseThrow().state());
        assertEquals(0, c.releaseEpoch("cam-b"), "the other camera's epoch does not move");
        assertEquals(SystemState.BLOCKED, c.status().system(), "any camera BLOCKED keeps the system BLOCKED");

        CommandOutcome again = c.command(CommandKind.RELEASE, CameraTarget.one("cam-a"), null, ReleaseGuard.LOCAL);
        assertEquals("expected BLOCKED but was RUNNING (camera cam-a)", again.reason());
        assertTrue(c.command(CommandKind.RELEASE, CameraTarget.ALL, null, ReleaseGuard.LOCAL)
                .accepted());
        assertEquals(SystemState.RUNNING, c.status().system());
        assertEquals(1, c.releaseEpoch("cam-a"), "releasing all raises only the blocked cameras' epochs");
        assertEquals(1, c.releaseEpoch("cam-b"));
    }

    @Test
    void stoppingEachCamera_stopsTheSystem_resumingOneRunsItAgain() throws Exception {
        SystemStateController c = controller(2);
        c.cameraLink("cam-a", true);
        c.cameraLink("cam-b", true);
        assertTrue(c.command(CommandKind.STOP, CameraTarget.one("cam-a"), null, ReleaseGuard.LOCAL)
                .accepted());
        assertEquals(SystemState.RUNNING, c.status().system(), "one camera still runs");
        assertEquals(SystemState.STOPPED, c.cameraState("cam-a"));
        assertEquals(SystemState.RUNNING, c.cameraState("cam-b"));
        assertTrue(c.command(CommandKind.STOP, CameraTarget.one("cam-b"), null, ReleaseGuard.LOCAL)
                .accepted());
        assertEquals(SystemState.STOPPED, c.status().system());
        assertFalse(c.status().stoppedAll());
        assertTrue(c.command(CommandKind.RESUME, CameraTarget.one("cam-b"), null, ReleaseGuard.LOCAL)
                .accepted());
        assertEquals(SystemState.RUNNING, c.status().system());
        assertEquals(SystemState.STOPPED, c.cameraState("cam-a"));
    }

    @Test
    void stopAll_stopsEveryCamera_andCamerasHeardOfLater() throws Exception {
        SystemStateController c = controller(2);
        c.cameraLink("cam-a", true);
        assertTrue(c.command(CommandKind.STOP, CameraTarget.ALL, null, ReleaseGuard.LOCAL)
                .accepted());
        assertTrue(c.status().stoppedAll());
        c.cameraLink("cam-b", true);
        assertEquals(SystemState.STOPPED, c.cameraState("cam-b"));
        assertTrue(c.command(CommandKind.RESUME, CameraTarget.ALL, null, ReleaseGuard.LOCAL)
                .accepted());
        assertEquals(SystemState.RUNNING, c.cameraState("cam-a"));
        assertEquals(SystemState.RUNNING, c.cameraState("cam-b"));
        assertFalse(c.status().stoppedAll());
    }

    @Test
    void unaddressedCommand_meansAllOnAOneCameraGateway_andIsRefusedOnOneThatTakesSeveral() throws Exception {
        SystemStateController one = controller(1);
        assertTrue(one.command(CommandKind.STOP, CameraTarget.UNADDRESSED, null, ReleaseGuard.LOCAL)
                .accepted());
        assertEquals(SystemState.STOPPED, one.status().system());

        Files.delete(dir.resolve("state.json"));
        SystemStateController two = controller(2);
        CommandOutcome o = two.command(CommandKind.STOP, CameraTarget.UNADDRESSED, null, ReleaseGuard.LOCAL);
        assertFalse(o.accepted());
        assertTrue(o.reason().contains("name one camera or \"*\""), o.reason());
        assertFalse(two.command(CommandKind.STOP, CameraTarget.one("cam-unknown"), null, ReleaseGuard.LOCAL)
                .accepted());
        assertEquals(SystemState.RUNNING, two.status().system());
    }

    @Test
    void everyChange_isFiredAfterItIsOnDisk() throws Exception {
        SystemStateController c = controller(2);
        c.cameraMode("cam-a", CameraMode.BLOCKED, 12);
        assertEquals(SystemState.BLOCKED, fired.get(fired.size() - 1).system());
        assertEquals(
                "BLOCKED",
                MAPPER.readTree(dir.resolve("state.json").toFile())
                        .path("system")
                        .asText());
    }

    @Test
    void derive_followsTheStatedRule() {
        CameraStatus running = CameraStatus.first("a", false);
        CameraStatus stopped = CameraStatus.first("b", true);
        CameraStatus blocked = CameraStatus.first("c", false).withState(SystemState.BLOCKED);
        assertEquals(SystemState.RUNNING, SystemStatus.derive(false, List.of()));
        assertEquals(SystemState.STOPPED, SystemStatus.derive(true, List.of()));
        assertEquals(SystemState.RUNNING, SystemStatus.derive(false, List.of(running, stopped)));
        assertEquals(SystemState.STOPPED, SystemStatus.derive(false, List.of(stopped)));
        assertEquals(SystemState.BLOCKED, SystemStatus.derive(true, List.of(stopped, blocked)));
        assertEquals(SystemState.BLOCKED, SystemStatus.derive(false, List.of(running, blocked)));
    }

    private SystemStateController controller(int maxCameras) {
        SystemStateController c = new SystemStateController();
        c.mapper = MAPPER;
        c.dataDir = dir;
        c.changes = new Recorder();
        c.gateway = new Config(maxCameras);
        c.guard = new ReleaseGuard(
                Optional.empty(),
                5,
                Duration.ofMinutes(1),
                dir.resolve("release-guard.json"),
                MAPPER,
                null,
                Clock.systemUTC());
        c.load();
        return c;
    }

    /** The gateway settings the controller reads: the id and how many cameras it takes. */
    private record Config(int maxCameras) implements GatewayConfig {
        @Override
        public String id() {
            return "gw-test";
        }

        @Override
        public Release release() {
            return null;
        }

        @Override
        public Audit audit() {
            return null;
        }
    }

    /** Keeps what the controller announces. */
    private final class Recorder implements Event<SystemStatus> {
        @Override
        public void fire(SystemStatus event) {
            fired.add(event);
        }

        @Override
        public <U extends SystemStatus> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SystemStatus> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<SystemStatus> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SystemStatus> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SystemStatus> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
