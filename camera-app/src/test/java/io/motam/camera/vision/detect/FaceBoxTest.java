package io.motam.camera.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FaceBoxTest {

    private final FaceBox box = new FaceBox(10, 20, 100, 50);

    @Test
    void geometry_areaCentreAndEdges() {
        assertEquals(5_000, box.area());
        assertEquals(60.0, box.centreX());
        assertEquals(45.0, box.centreY());
        assertEquals(110, box.right());
        assertEquals(70, box.bottom());
    }

    @Test
    void iou_identicalDisjointAndHalfShifted() {
        assertEquals(1.0, box.iou(box));
        assertEquals(0.0, box.iou(new FaceBox(110, 20, 10, 10)), "touching edges do not overlap");
        FaceBox shifted = new FaceBox(60, 20, 100, 50);
        assertEquals(2_500, box.intersectionArea(shifted));
        assertEquals(2_500.0 / 7_500.0, box.iou(shifted), 1e-12);
        assertEquals(box.iou(shifted), shifted.iou(box));
    }

    @Test
    void scaled_multipliesEveryEdge() {
        assertEquals(new FaceBox(20, 40, 200, 100), box.scaled(2));
        // edges are rounded, not the size: left 3.33 -> 3, right 36.67 -> 37
        assertEquals(new FaceBox(3, 7, 34, 16), box.scaled(1 / 3.0));
        assertThrows(IllegalArgumentException.class, () -> box.scaled(0));
    }

    @Test
    void constructor_nonPositiveSize_throws() {
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(0, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(0, 0, 10, -1));
    }
}
