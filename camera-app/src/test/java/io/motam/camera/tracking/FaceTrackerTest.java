package io.motam.camera.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.vision.detect.FaceBox;
import io.motam.domain.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {
    private final FaceTracker tracker = new FaceTracker(TrackerSettings.defaults());

    @Test
    void update_movingFace_keepsItsIdAndIdentity() {
        FaceTracker.Update first = tracker.update(List.of(new FaceBox(100, 100, 80, 80)), 0, 640, 480);
        assertEquals(1, first.started().size());
        FaceTrack t = first.visible().get(0);
        t.identify(Verdict.KNOWN);
        for (int i = 1; i <= 10; i++) {
            FaceTracker.Update u =
                    tracker.update(List.of(new FaceBox(100 + 8 * i, 100 + 3 * i, 80, 80)), i * 200_000L, 640, 480);
            assertEquals(t.id(), u.visible().get(0).id());
            assertTrue(u.started().isEmpty());
        }
        assertEquals(11, t.hits());
        assertEquals(Verdict.KNOWN, t.identity().orElseThrow());
    }

    @Test
    void update_fastMoveWithoutOverlap_isStillTheSameTrackByCentre() {
        long id = tracker.update(List.of(new FaceBox(100, 100, 80, 80)), 0, 640, 480)
                .visible()
                .get(0)
                .id();
        FaceTracker.Update u = tracker.update(List.of(new FaceBox(135, 100, 80, 80)), 200_000, 640, 480);
        assertEquals(id, u.visible().get(0).id());
    }

    @Test
    void update_twoFaces_keepTheirOwnIds_andANewFaceGetsANewId() {
        FaceTracker.Update a =
                tracker.update(List.of(new FaceBox(50, 50, 80, 80), new FaceBox(400, 60, 90, 90)), 0, 640, 480);
        long left = a.visible().get(0).id();
        long right = a.visible().get(1).id();
        assertNotEquals(left, right);
        FaceTracker.Update b = tracker.update(
                List.of(new FaceBox(405, 62, 90, 90), new FaceBox(55, 52, 80, 80), new FaceBox(250, 300, 60, 60)),
                200_000,
                640,
                480);
        assertEquals(right, b.visible().get(0).id());
        assertEquals(left, b.visible().get(1).id());
        assertEquals(List.of(b.visible().get(2)), b.started());
    }

    @Test
    void update_faceMissingLongerThanTheTimeout_endsTheTrack() {
        long id = tracker.update(List.of(new FaceBox(100, 100, 80, 80)), 0, 640, 480)
                .visible()
                .get(0)
                .id();
        assertTrue(tracker.update(List.of(), 900_000, 640, 480).ended().isEmpty(), "missed briefly: still alive");
        assertEquals(
                id,
                tracker.update(List.of(new FaceBox(102, 100, 80, 80)), 1_000_000, 640, 480)
                        .visible()
                        .get(0)
                        .id());
        FaceTracker.Update gone = tracker.update(List.of(), 2_100_000, 640, 480);
        assertEquals(id, gone.ended().get(0).id());
        FaceTracker.Update back = tracker.update(List.of(new FaceBox(102, 100, 80, 80)), 2_300_000, 640, 480);
        assertNotEquals(id, back.visible().get(0).id());
    }

    @Test
    void update_frameSizeChanges_endsEveryTrack() {
        tracker.update(List.of(new FaceBox(100, 100, 80, 80)), 0, 640, 480);
        FaceTracker.Update u = tracker.update(List.of(new FaceBox(100, 100, 80, 80)), 100_000, 400, 300);
        assertEquals(1, u.ended().size());
        assertEquals(1, u.started().size());
    }

    @Test
    void identify_notAFaceVerdict_throws() {
        FaceTrack t = tracker.update(List.of(new FaceBox(1, 1, 30, 30)), 0, 64, 64)
                .visible()
                .get(0);
        assertThrows(IllegalArgumentException.class, () -> t.identify(Verdict.NO_FACE));
    }
}
