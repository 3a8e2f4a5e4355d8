package io.motam.camera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vision thread's state machine and progress clock ({@link VisionStatus}). */
class VisionStatusTest {
    private final VisionStatus status = new VisionStatus();

    @Test
    void describe_runningShowsThePipelinePhase_retryingAndIdleShowTheReason() {
        assertEquals("starting", status.describe(Optional.empty()));
        status.moveTo(VisionState.RESTORING, "");
        assertEquals("restoring", status.describe(Optional.of(PipelinePhase.ENROLLING)));
        status.moveTo(VisionState.RUNNING, "");
        assertEquals("enrolling", status.describe(Optional.of(PipelinePhase.ENROLLING)));
        assertEquals("watching", status.describe(Optional.of(PipelinePhase.WATCHING)));
        status.moveTo(VisionState.RETRYING, "no /dev/video0");
        assertEquals("retrying: no /dev/video0", status.describe(Optional.of(PipelinePhase.WATCHING)));
        status.moveTo(VisionState.RETRYING, "still no /dev/video0");
        status.moveTo(VisionState.RUNNING, "");
        status.moveTo(VisionState.IDLE, "the frame source ended");
        assertEquals("idle: the frame source ended", status.describe(Optional.of(PipelinePhase.WATCHING)));
    }

    @Test
    void moveTo_illegalMove_throwsNamingTheStatesAllowedAndTheActualOne() {
        status.moveTo(VisionState.IDLE, "bad setting: zone");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> status.moveTo(VisionState.RUNNING, ""));
        assertEquals(
                "expected the vision thread in one of [STARTING, RESTORING, RUNNING, RETRYING] to become RUNNING"
                        + " but was IDLE",
                e.getMessage());
        assertEquals(VisionState.IDLE, status.state());
        IllegalStateException back =
                assertThrows(IllegalStateException.class, () -> new VisionStatus().moveTo(VisionState.STARTING, ""));
        assertTrue(back.getMessage().endsWith("to become STARTING but was STARTING"), back.getMessage());
    }

    @Test
    void moveTo_afterStopped_isIgnored_soAStopWinsOverALateReport() {
        status.moveTo(VisionState.RUNNING, "");
        assertTrue(status.moveTo(VisionState.STOPPED, ""));
        assertFalse(status.moveTo(VisionState.IDLE, "the frame source ended"));
        assertFalse(status.moveTo(VisionState.RUNNING, ""));
        assertEquals("stopped", status.describe(Optional.of(PipelinePhase.WATCHING)));
    }

    @Test
    void idleBeyond_reportsTimeWithoutProgress_butNeverDuringADeliberateWait() {
        assertTrue(status.idleBeyond(Duration.ofMillis(-1)).isPresent());
        assertEquals(Optional.empty(), status.idleBeyond(Duration.ofHours(1)));
        status.beginWait();
        assertEquals(Optional.empty(), status.idleBeyond(Duration.ofMillis(-1)));
        status.endWait();
        assertTrue(status.idleBeyond(Duration.ofMillis(-1)).isPresent());
    }
}
