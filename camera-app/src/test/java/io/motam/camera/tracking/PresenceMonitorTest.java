package io.motam.camera.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.vision.detect.FaceBox;
import io.motam.domain.PresenceState;
import io.motam.domain.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceMonitorTest {
    private static final long S = 1_000_000;
    /** Left half of the frame. */
    private final PresenceMonitor monitor =
            new PresenceMonitor(new PresenceSettings(new Zone(0, 0, 0.5, 1), S, 3 * S, 10 * S));

    private final FaceTracker tracker = new FaceTracker(TrackerSettings.defaults());
    private final List<PresenceMonitor.Change> changes = new ArrayList<>();

    /** Feeds frames every 200 ms from {@code from} to {@code to} seconds with these faces. */
    private void play(double from, double to, List<FaceBox> faces, Verdict identity) {
        for (long t = (long) (from * S); t < (long) (to * S); t += 200_000) {
            FaceTracker.Update u = tracker.update(faces, t, 640, 480);
            if (identity != null) {
                u.visible().forEach(track -> track.identify(identity));
            }
            monitor.observe(t, 640, 480, u.visible()).ifPresent(changes::add);
        }
    }

    private List<PresenceState> states() {
        return changes.stream().map(PresenceMonitor.Change::state).toList();
    }

    @Test
    void subjectInZone_thenOutside_thenGone_reportsPresentOutOfZoneUnreadableAbsent() {
        play(0, 2, List.of(new FaceBox(100, 100, 80, 80)), Verdict.KNOWN);
        play(2, 4, List.of(new FaceBox(450, 100, 80, 80)), Verdict.KNOWN);
        play(4, 20, List.of(), null);
        assertEquals(
                List.of(
                        PresenceState.PRESENT,
                        PresenceState.OUT_OF_ZONE,
                        PresenceState.UNREADABLE,
                        PresenceState.ABSENT),
                states());
        assertTrue(changes.get(0).trackId() > 0);
        assertTrue(
                changes.get(2).detail().startsWith("no face for 3"),
                changes.get(2).detail());
    }

    @Test
    void briefExcursionsShorterThanTheDebounce_areNotReported() {
        play(0, 2, List.of(new FaceBox(100, 100, 80, 80)), Verdict.KNOWN);
        play(2, 2.6, List.of(new FaceBox(450, 100, 80, 80)), Verdict.KNOWN);
        play(2.6, 5, List.of(new FaceBox(100, 100, 80, 80)), Verdict.KNOWN);
        play(5, 6, List.of(), null);
        assertEquals(List.of(PresenceState.PRESENT), states());
    }

    @Test
    void severalFaces_reportUnreadableWithTheirCount() {
        play(0, 2, List.of(new FaceBox(100, 100, 80, 80)), Verdict.KNOWN);
        play(2, 4, List.of(new FaceBox(100, 100, 80, 80), new FaceBox(400, 100, 80, 80)), null);
        assertEquals(List.of(PresenceState.PRESENT, PresenceState.UNREADABLE), states());
        assertEquals(2, changes.get(1).faces());
    }

    @Test
    void strangerInPlace_subjectReportedAbsentAfterTheTimeout() {
        play(0, 2, List.of(new FaceBox(100, 100, 80, 80)), Verdict.KNOWN);
        play(2, 13, List.of(new FaceBox(100, 100, 80, 80)), Verdict.UNKNOWN);
        assertEquals(List.of(PresenceState.PRESENT, PresenceState.ABSENT), states());
    }

    @Test
    void nobodyFromTheStart_isAbsentAfterTheTimeout_neverUnreadable() {
        play(0, 12, List.of(), null);
        assertEquals(List.of(PresenceState.ABSENT), states());
    }

    @Test
    void unrecognisedFace_changesNothing() {
        play(0, 12, List.of(new FaceBox(100, 100, 80, 80)), null);
        assertEquals(List.of(), states());
        assertEquals(Optional.empty(), monitor.reported());
    }

    @Test
    void zone_parseAndContainsAndBadValues() {
        Zone z = Zone.parse(" 0.25, 0, 0.5 ,1");
        assertTrue(z.contains(new FaceBox(300, 10, 40, 40), 640, 480));
        assertTrue(!z.contains(new FaceBox(0, 10, 40, 40), 640, 480));
        assertThrows(IllegalArgumentException.class, () -> Zone.parse("0,0,1"));
        assertThrows(IllegalArgumentException.class, () -> Zone.parse("a,0,1,1"));
        assertThrows(IllegalArgumentException.class, () -> Zone.parse("0.6,0,0.5,1"));
        assertThrows(IllegalArgumentException.class, () -> new PresenceSettings(Zone.WHOLE_FRAME, 0, 5 * S, 5 * S));
    }
}
