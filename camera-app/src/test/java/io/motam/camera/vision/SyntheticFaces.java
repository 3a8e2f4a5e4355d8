package io.motam.camera.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/** Deterministic noise images standing in for face samples where only the mechanics matter. */
public final class SyntheticFaces {

    private SyntheticFaces() {}

    /** {@code count} distinct 80x80 CV_8UC1 images; the caller closes them (see {@link #closeAll}). */
    public static List<Mat> noise(int count, long seed) {
        Random random = new Random(seed);
        List<Mat> faces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] pixels = new byte[80 * 80];
            random.nextBytes(pixels);
            Mat face = new Mat(80, 80, CV_8UC1);
            face.data().put(pixels);
            faces.add(face);
        }
        return faces;
    }

    public static void closeAll(List<Mat> mats) {
        mats.forEach(Mat::close);
    }
}
