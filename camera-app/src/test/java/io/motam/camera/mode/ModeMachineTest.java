package io.motam.camera.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.CameraMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per edge of the drawn machine, and one per refused trigger. */
class ModeMachineTest {

    private static ModeMachine normal(int maxAlerts) {
        ModeMachine m = new ModeMachine(maxAlerts);
        m.enrolled();
        return m;
    }

    @Test
    void enrolled_fromEnrolling_goesNormal() {
        ModeMachine m = new ModeMachine(12);
        Transition t = m.enrolled();
        assertEquals(new Transition(CameraMode.ENROLLING, CameraMode.NORMAL, 0, "enrolled"), t);
    }

    @Test
    void enrolled_twice_throwsExpectedEnrolling() {
        ModeMachine m = normal(12);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, m::enrolled);
        assertEquals("expected ENROLLING for enrolled but was NORMAL", e.getMessage());
    }

    @Test
    void known_inNormal_changesNothing() {
        ModeMachine m = normal(12);
        assertEquals(Optional.empty(), m.known());
        assertEquals(CameraMode.NORMAL, m.mode());
    }

    @Test
    void unknown_inNormal_entersAlertAsAlertOne() {
        ModeMachine m = normal(12);
        Transition t = m.unknown().orElseThrow();
        assertEquals(CameraMode.ALERT, t.to());
        assertEquals(1, t.alertCount());
    }

    @Test
    void unknown_inAlert_countsWithoutTransition() {
        ModeMachine m = normal(12);
        m.unknown();
        assertEquals(Optional.empty(), m.unknown());
        assertEquals(2, m.alerts());
        assertEquals(CameraMode.ALERT, m.mode());
    }

    @Test
    void unknown_twelfthSighting_blocks() {
        ModeMachine m = normal(12);
        Optional<Transition> last = Optional.empty();
        for (int i = 0; i < 12; i++) {
            Optional<Transition> t = m.unknown();
            if (t.isPresent()) {
                last = t;
            }
        }
        assertEquals(CameraMode.BLOCKED, last.orElseThrow().to());
        assertEquals(12, last.get().alertCount());
    }

    @Test
    void known_inAlert_returnsNormalAndResetsCount() {
        ModeMachine m = normal(12);
        m.unknown();
        m.unknown();
        Transition t = m.known().orElseThrow();
        assertEquals(CameraMode.NORMAL, t.to());
        assertEquals(0, m.alerts());
    }

    @Test
    void unknown_inBlocked_throws() {
        ModeMachine m = normal(1);
        m.unknown();
        assertEquals(CameraMode.BLOCKED, m.mode());
        assertThrows(IllegalTransitionException.class, m::unknown);
        assertThrows(IllegalTransitionException.class, m::known);
    }

    @Test
    void release_fromBlocked_goesNormal() {
        ModeMachine m = normal(1);
        m.unknown();
        Transition t = m.release();
        assertEquals(CameraMode.NORMAL, t.to());
        assertEquals(0, m.alerts());
    }

    @Test
    void release_whenNotBlocked_throwsExpectedBlocked() {
        ModeMachine m = normal(12);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, m::release);
        assertEquals("expected BLOCKED for release but was NORMAL", e.getMessage());
    }

    @Test
    void stop_fromNormal_thenResume_returnsNormal() {
        ModeMachine m = normal(12);
        assertEquals(CameraMode.STOPPED, m.stop().to());
        assertEquals(CameraMode.NORMAL, m.resume().to());
    }

    @Test
    void stop_fromEnrolling_thenResume_returnsEnrolling() {
        ModeMachine m = new ModeMachine(12);
        m.stop();
        assertEquals(CameraMode.ENROLLING, m.resume().to());
    }

    @Test
    void stop_fromAlert_thenResume_returnsNormalWithFreshCount() {
        ModeMachine m = normal(12);
        m.unknown();
        m.stop();
        Transition t = m.resume();
        assertEquals(CameraMode.NORMAL, t.to());
        assertEquals(0, t.alertCount());
    }

    @Test
    void stop_fromBlocked_thenResume_staysBlocked() {
        ModeMachine m = normal(1);
        m.unknown();
        m.stop();
        Transition t = m.resume();
        assertEquals(CameraMode.BLOCKED, t.to());
        assertTrue(t.alertCount() >= 1);
    }

    @Test
    void stop_whenStopped_throws() {
        ModeMachine m = normal(12);
        m.stop();
        assertThrows(IllegalTransitionException.class, m::stop);
    }

    @Test
    void resume_whenNotStopped_throwsExpectedStopped() {
        ModeMachine m = normal(12);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, m::resume);
        assertEquals("expected STOPPED for resume but was NORMAL", e.getMessage());
    }

    @Test
    void recognition_inStopped_throws() {
        ModeMachine m = normal(12);
        m.stop();
        assertThrows(IllegalTransitionException.class, m::unknown);
        assertThrows(IllegalTransitionException.class, m::known);
    }

    @Test
    void constructor_zeroAlerts_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new ModeMachine(0));
    }

    @Test
    void unknown_inNormalWithLimitOne_blocksAtOnce() {
        ModeMachine m = normal(1);
        Transition t = m.unknown().orElseThrow();
        assertEquals(CameraMode.BLOCKED, t.to());
        assertEquals(1, t.alertCount());
    }
}
