package io.motam.camera.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.recognition.Sighting;
import io.motam.camera.tracking.PresenceMonitor;
import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.PresenceState;
import io.motam.domain.SystemState;
import io.motam.domain.Verdict;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.Presence;
import io.motam.protocol.message.Recognition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraControllerTest {
    private static final Sighting OWNER = new Sighting(Verdict.KNOWN, 70, 110, 1);
    private static final Sighting STRANGER = new Sighting(Verdict.UNKNOWN, 150, 110, 1);

    @TempDir
    Path dir;
    private Outbox outbox;

    @BeforeEach
    void open() throws Exception {
        outbox = Outbox.open(dir, 1000);
    }

    @AfterEach
    void close() throws Exception {
        outbox.close();
    }

    private CameraController enrolled(int maxAlerts, int agreement, Set<Integer> snapshots) {
        CameraController c = new CameraController(outbox, new ModeSettings(maxAlerts, agreement, new TreeSet<>(snapshots)));
        c.enrolled(50, 110);
        return c;
    }

    @Test
    void recognised_agreementTwo_strangerEntersAlertAtTheSecondSighting() {
        CameraController c = enrolled(12, 2, Set.of(1, 4, 8));
        Decision first = c.recognised(STRANGER);
        assertEquals(CameraMode.NORMAL, first.mode());
        assertTrue(first.pending(), "an unconfirmed unknown asks for a quick re-check");
        Decision second = c.recognised(STRANGER);
        assertEquals(CameraMode.ALERT, second.mode());
        assertEquals(Optional.of("alert1"), second.snapshot());
        assertEquals(2, OutboxEvents.of(outbox, Recognition.class).size(), "every check is reported raw");
    }

    @Test
    void recognised_singleMisjudgedSighting_neverFlipsTheMode() {
        CameraController c = enrolled(12, 2, Set.of());
        for (int i = 0; i < 5; i++) {
            c.recognised(OWNER);
            c.recognised(STRANGER);
        }
        assertEquals(CameraMode.NORMAL, c.mode());
        c.recognised(STRANGER);
        c.recognised(STRANGER);
        c.recognised(OWNER);
        assertEquals(CameraMode.ALERT, c.mode(), "one known sighting does not end an alert");
        assertTrue(c.recognised(STRANGER).mode() == CameraMode.ALERT);
        c.recognised(OWNER);
        assertEquals(CameraMode.NORMAL, c.recognised(OWNER).mode());
    }

    @Test
    void recognised_noFaceOrSeveralFaces_neitherCountNorBreakAStreak() {
        CameraController c = enrolled(12, 2, Set.of());
        c.recognised(STRANGER);
        c.recognised(Sighting.unreadable(0, 110));
        c.recognised(Sighting.unreadable(3, 110));
        assertEquals(CameraMode.ALERT, c.recognised(STRANGER).mode());
    }

    @Test
    void recognised_snapshotsAtTheConfiguredAlertCountsOnly() {
        CameraController c = enrolled(12, 1, Set.of(1, 4, 8));
        List<String> snaps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            c.recognised(STRANGER).snapshot().ifPresent(snaps::add);
        }
        assertEquals(List.of("alert1", "alert4", "alert8"), snaps);
        assertEquals(CameraMode.BLOCKED, c.mode());
        List<ModeChanged> modes = OutboxEvents.of(outbox, ModeChanged.class);
        assertEquals(CameraMode.BLOCKED, modes.get(modes.size() - 1).to());
        assertEquals(12, modes.get(modes.size() - 1).alertCount());
    }

    @Test
    void recognised_whileBlockedOrStopped_isIgnoredAndNotReported() {
        CameraController c = enrolled(1, 1, Set.of());
        c.recognised(STRANGER);
        assertEquals(CameraMode.BLOCKED, c.mode());
        int before = OutboxEvents.all(outbox).size();
        assertEquals(CameraMode.BLOCKED, c.recognised(OWNER).mode());
        c.command(new Command(CommandKind.STOP, "s1"));
        assertEquals(CameraMode.STOPPED, c.recognised(STRANGER).mode());
        assertEquals(before + 1, OutboxEvents.all(outbox).size(), "only the stop transition was added");
    }

    @Test
    void command_releaseOnlyFromBlocked_otherwiseRefusedWithoutEvent() {
        CameraController c = enrolled(1, 1, Set.of());
        int before = OutboxEvents.all(outbox).size();
        c.command(new Command(CommandKind.RELEASE, "r0"));
        assertEquals(before, OutboxEvents.all(outbox).size());
        c.recognised(STRANGER);
        c.command(new Command(CommandKind.RELEASE, "r1"));
        assertEquals(CameraMode.NORMAL, c.mode());
    }

    @Test
    void follow_gatewayStates_alignTheMode() {
        CameraController c = enrolled(12, 1, Set.of());
        c.follow(SystemState.STOPPED);
        assertEquals(CameraMode.STOPPED, c.mode());
        c.follow(SystemState.RUNNING);
        assertEquals(CameraMode.NORMAL, c.mode());
    }

    @Test
    void presence_isReportedExceptWhileStopped() {
        CameraController c = enrolled(12, 2, Set.of());
        c.presence(new PresenceMonitor.Change(PresenceState.PRESENT, 3, 1, "subject in place"));
        c.command(new Command(CommandKind.STOP, "s1"));
        c.presence(new PresenceMonitor.Change(PresenceState.ABSENT, 0, 0, "gone"));
        List<Presence> p = OutboxEvents.of(outbox, Presence.class);
        assertEquals(1, p.size());
        assertEquals(PresenceState.PRESENT, p.get(0).state());
        assertEquals(3, p.get(0).trackId());
        assertFalse(p.get(0).detail().isEmpty());
    }
}
