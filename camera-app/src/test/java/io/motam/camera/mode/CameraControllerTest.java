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
import io.motam.protocol.message.Welcome;
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
        CameraController c = new CameraController(
                outbox, new ModeSettings(maxAlerts, agreement, new TreeSet<>(snapshots)), ModeStore.in(dir));
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
        assertEquals(CameraMode.BLOCKED, c.recognised(STRANGER).mode(), "a stop does not replace a block");
        assertEquals(before, OutboxEvents.all(outbox).size(), "nothing was added");
        CameraController other = new CameraController(
                outbox, new ModeSettings(12, 1, new TreeSet<>()), ModeStore.in(dir.resolve("other")));
        other.enrolled(50, 110);
        other.command(new Command(CommandKind.STOP, "s2"));
        int stopped = OutboxEvents.all(outbox).size();
        assertEquals(CameraMode.STOPPED, other.recognised(STRANGER).mode());
        assertEquals(stopped, OutboxEvents.all(outbox).size(), "nothing is reported while stopped");
    }

    @Test
    void command_releaseOnlyFromBlocked_otherwiseRefusedWithoutEvent() {
        CameraController c = enrolled(1, 1, Set.of());
        int before = OutboxEvents.all(outbox).size();
        c.command(new Command(CommandKind.RELEASE, "r0"));
        assertEquals(before, OutboxEvents.all(outbox).size());
        c.recognised(STRANGER);
        c.command(new Command(CommandKind.RELEASE, "r1", 1));
        assertEquals(CameraMode.NORMAL, c.mode());
    }

    @Test
    void blockedWhileAway_welcomeRunningWithTheSameEpoch_staysBlocked_noReleaseEvent() {
        CameraController c = enrolled(1, 1, Set.of());
        c.follow(new Welcome(4, SystemState.RUNNING, 0, 3));
        c.recognised(STRANGER); // the link is down: the block waits in the outbox
        assertEquals(CameraMode.BLOCKED, c.mode());
        c.follow(new Welcome(4, SystemState.RUNNING, 0, 3)); // the gateway comes back, not yet told
        assertEquals(CameraMode.BLOCKED, c.mode());
        assertTrue(
                OutboxEvents.of(outbox, ModeChanged.class).stream().noneMatch(m -> m.from() == CameraMode.BLOCKED),
                "no release event");
        c.command(new Command(CommandKind.RELEASE, "stale", 3));
        assertEquals(CameraMode.BLOCKED, c.mode(), "a release of an earlier block does not lift this one");
        c.command(new Command(CommandKind.RELEASE, "r4", 4));
        assertEquals(CameraMode.NORMAL, c.mode());
    }

    @Test
    void blocked_releasedWhileAway_welcomeWithAHigherEpoch_releases() {
        CameraController c = enrolled(1, 1, Set.of());
        c.follow(new Welcome(4, SystemState.RUNNING, 0, 3));
        c.recognised(STRANGER);
        c.follow(new Welcome(4, SystemState.RUNNING, 0, 4));
        assertEquals(CameraMode.NORMAL, c.mode());
        ModeChanged last = OutboxEvents.of(outbox, ModeChanged.class)
                .get(OutboxEvents.of(outbox, ModeChanged.class).size() - 1);
        assertEquals(CameraMode.BLOCKED, last.from());
        assertTrue(last.reason().contains("epoch 4"), last.reason());
    }

    @Test
    void blocked_olderGatewayWelcomeRunning_neverReleases() {
        CameraController c = enrolled(1, 1, Set.of());
        c.recognised(STRANGER);
        c.follow(new Welcome(3, SystemState.RUNNING, 0));
        assertEquals(CameraMode.BLOCKED, c.mode());
        c.follow(new Welcome(1, SystemState.STOPPED, 0));
        assertEquals(CameraMode.BLOCKED, c.mode(), "a stop does not replace a block");
    }

    @Test
    void releaseWithoutEpoch_onAnEpochSession_isRefused() {
        CameraController c = enrolled(1, 1, Set.of());
        c.follow(new Welcome(4, SystemState.RUNNING, 0, 0));
        c.recognised(STRANGER);
        c.command(new Command(CommandKind.RELEASE, "r0"));
        assertEquals(CameraMode.BLOCKED, c.mode());
    }

    @Test
    void restart_blocked_comesBackBlocked_andStopResumeKeepsTheCount() throws Exception {
        CameraController c = enrolled(3, 1, Set.of());
        c.recognised(STRANGER);
        c.recognised(STRANGER);
        c.command(new Command(CommandKind.STOP, "s1"));
        c.command(new Command(CommandKind.RESUME, "r1"));
        assertEquals(CameraMode.ALERT, c.mode());
        assertEquals(2, c.alerts());
        CameraController restarted = enrolled(3, 1, Set.of());
        assertEquals(CameraMode.ALERT, restarted.mode(), "a restart does not reset an alert");
        assertEquals(2, restarted.alerts());
        restarted.recognised(STRANGER);
        assertEquals(CameraMode.BLOCKED, restarted.mode());
        CameraController again = enrolled(3, 1, Set.of());
        assertEquals(CameraMode.BLOCKED, again.mode(), "a restart does not lift a block");
        again.follow(new Welcome(4, SystemState.RUNNING, 0, 0));
        assertEquals(CameraMode.BLOCKED, again.mode());
    }

    @Test
    void damagedModeFile_restoresBlocked() throws Exception {
        java.nio.file.Files.writeString(ModeStore.in(dir).file(), "mode=NORM");
        CameraController c = enrolled(12, 1, Set.of());
        assertEquals(CameraMode.BLOCKED, c.mode());
        c.follow(new Welcome(4, SystemState.RUNNING, 0, 99));
        assertEquals(CameraMode.BLOCKED, c.mode(), "an unknown block epoch is lifted only by a RELEASE command");
        c.command(new Command(CommandKind.RELEASE, "r1", 100));
        assertEquals(CameraMode.NORMAL, c.mode());
    }

    @Test
    void follow_gatewayStates_alignTheMode() {
        CameraController c = enrolled(12, 1, Set.of());
        c.follow(new Welcome(1, SystemState.STOPPED, 0));
        assertEquals(CameraMode.STOPPED, c.mode());
        c.follow(new Welcome(1, SystemState.RUNNING, 0));
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
