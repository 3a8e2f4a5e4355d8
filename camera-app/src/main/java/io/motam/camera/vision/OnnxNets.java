package io.motam.camera.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromONNX;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/** Loads an ONNX network into OpenCV's DNN module and checks the shapes it produces. */
public final class OnnxNets {

    private OnnxNets() {}

    /**
     * Loads {@code file} and runs it once on a constant input of {@code inputShape}; every output
     * named in {@code outputs} must have the shape given for it.
     *
     * @throws VisionModelException naming the file when it is missing, not loadable ONNX, or its
     *                              input or outputs have other shapes
     */
    public static Net load(Path file, int[] inputShape, String[] outputs, int[][] outputShapes)
            throws VisionModelException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new VisionModelException("face model file missing or unreadable: " + file);
        }
        Net net;
        try {
            net = readNetFromONNX(file.toString());
        } catch (RuntimeException e) {
            throw new VisionModelException("not a loadable ONNX model: " + file + " (" + firstLine(e) + ")", e);
        }
        if (net == null || net.isNull() || net.empty()) {
            throw new VisionModelException("not a loadable ONNX model: " + file);
        }
        try (Mat probe = new Mat(inputShape, CV_32F, new Scalar(0.0));
                StringVector names = new StringVector(outputs);
                MatVector results = new MatVector()) {
            net.setInput(probe);
            net.forward(results, names);
            for (int i = 0; i < outputs.length; i++) {
                int[] shape = shape(results.get(i));
                if (!Arrays.equals(shape, outputShapes[i])) {
                    throw new VisionModelException(
                            "face model file " + file + ": expected output " + outputs[i] + " of shape "
                                    + Arrays.toString(outputShapes[i]) + " for input " + Arrays.toString(inputShape)
                                    + " but was "
                                    + Arrays.toString(shape));
                }
            }
        } catch (RuntimeException e) {
            net.close();
            throw new VisionModelException(
                    "face model file " + file + " does not take an input of shape " + Arrays.toString(inputShape)
                            + " with outputs " + Arrays.toString(outputs) + " (" + firstLine(e) + ")",
                    e);
        } catch (VisionModelException e) {
            net.close();
            throw e;
        }
        return net;
    }

    public static int[] shape(Mat m) {
        int[] s = new int[m.dims()];
        for (int d = 0; d < s.length; d++) {
            s[d] = m.size(d);
        }
        return s;
    }

    public static String firstLine(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
