package io.motam.camera.recognition.lbph;

import static org.bytedeco.opencv.global.opencv_core.write;

import io.motam.camera.vision.VisionModelException;
import io.motam.storage.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.FileNode;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_face.LBPHFaceRecognizer;

/**
 * Reads and writes LBPH models, and rebuilds a model from part of its histograms.
 *
 * <p>File layout: gzip of OpenCV's own YAML for the model (histograms base64-encoded), followed
 * in the same YAML map by our keys:
 * <pre>
 *   threshold, radius, neighbors, grid_x, grid_y, histograms[], labels, labelsInfo[]   (OpenCV)
 *   motam_lbph_format: 1                                                               (ours)
 *   motam_sample_cols, motam_sample_rows: size of the face samples the model was built from
 * </pre>
 * The decompressed text is bounded before it is parsed.
 */
final class LbphModelCodec {

    /** Version of our additions; a file without it is refused. */
    static final int FORMAT = 1;

    static final String FORMAT_KEY = "motam_lbph_format";
    static final String COLS_KEY = "motam_sample_cols";
    static final String ROWS_KEY = "motam_sample_rows";
    private static final int YAML_FLAGS = FileStorage.FORMAT_YAML | FileStorage.WRITE_BASE64;

    /** A model read from a file, with the sample size it was built from. */
    record Loaded(LBPHFaceRecognizer model, int sampleCols, int sampleRows) {}

    private LbphModelCodec() {}

    /**
     * Writes the model to {@code target} atomically: a temp file (owner-only, in the same folder)
     * is written, flushed to disk and renamed over the target.
     */
    static void save(LBPHFaceRecognizer model, int sampleCols, int sampleRows, Path target) throws IOException {
        byte[] text = toText(model, sampleCols, sampleRows);
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
                out.write(text);
            }
            AtomicFiles.moveDurably(temp, absolute);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param maxTextBytes limit on the decompressed size
     * @throws VisionModelException if the file is missing, too large or not such a model
     */
    static Loaded load(Path source, long maxTextBytes) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new VisionModelException("LBPH model file not found: " + source);
        }
        byte[] text;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(source)))) {
            text = readAtMost(in, maxTextBytes, source);
        } catch (ZipException | java.io.EOFException e) {
            throw new VisionModelException("not a gzip-compressed LBPH model: " + source, e);
        }
        return fromText(new String(text, StandardCharsets.US_ASCII), source.toString());
    }

    /**
     * A new model holding only the newest {@code keep} samples of {@code model} (histograms and
     * labels are appended in training order, so the newest are last). Same result as training a
     * fresh model on those samples' faces, without the faces.
     */
    static LBPHFaceRecognizer keepNewest(LBPHFaceRecognizer model, int keep, int sampleCols, int sampleRows) {
        int total;
        try (MatVector histograms = model.getHistograms()) {
            total = (int) histograms.size();
        }
        int from = Math.max(0, total - keep);
        int[] indices = new int[total - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return keepIndices(model, indices, sampleCols, sampleRows);
    }

    /**
     * A new model holding only the samples of {@code model} at {@code indices} (ascending), in
     * that order; built from the stored histograms, not from faces.
     */
    static LBPHFaceRecognizer keepIndices(LBPHFaceRecognizer model, int[] indices, int sampleCols, int sampleRows) {
        try (MatVector histograms = model.getHistograms();
                Mat labels = model.getLabels();
                FileStorage fs = new FileStorage(".yml", FileStorage.WRITE | FileStorage.MEMORY | YAML_FLAGS)) {
            write(fs, "threshold", model.getThreshold());
            write(fs, "radius", model.getRadius());
            write(fs, "neighbors", model.getNeighbors());
            write(fs, "grid_x", model.getGridX());
            write(fs, "grid_y", model.getGridY());
            fs.startWriteStruct("histograms", FileNode.SEQ);
            for (int i : indices) {
                write(fs, "", histograms.get(i)); // a view into the vector
            }
            fs.endWriteStruct();
            try (Mat kept = new Mat(indices.length, 1, labels.type())) {
                try (org.bytedeco.javacpp.indexer.IntIndexer from = labels.createIndexer();
                        org.bytedeco.javacpp.indexer.IntIndexer to = kept.createIndexer()) {
                    for (int r = 0; r < indices.length; r++) {
                        to.put(r, 0, from.get(indices[r], 0));
                    }
                }
                write(fs, "labels", kept);
            }
            fs.startWriteStruct("labelsInfo", FileNode.SEQ);
            fs.endWriteStruct();
            writeOurKeys(fs, sampleCols, sampleRows);
            try (BytePointer text = fs.releaseAndGetString()) {
                return fromText(text.getString(StandardCharsets.US_ASCII), "trimmed model")
                        .model();
            } catch (VisionModelException e) {
                throw new IllegalStateException("expected a readable trimmed model but OpenCV refused it", e);
            }
        }
    }

    private static byte[] toText(LBPHFaceRecognizer model, int sampleCols, int sampleRows) {
        try (FileStorage fs = new FileStorage(".yml", FileStorage.WRITE | FileStorage.MEMORY | YAML_FLAGS)) {
            model.write(fs);
            writeOurKeys(fs, sampleCols, sampleRows);
            try (BytePointer text = fs.releaseAndGetString()) {
                byte[] bytes = new byte[(int) text.limit()];
                text.get(bytes);
                return bytes;
            }
        }
    }

    private static void writeOurKeys(FileStorage fs, int sampleCols, int sampleRows) {
        write(fs, FORMAT_KEY, FORMAT);
        write(fs, COLS_KEY, sampleCols);
        write(fs, ROWS_KEY, sampleRows);
    }

    private static Loaded fromText(String yaml, String origin) throws VisionModelException {
        if (!yaml.startsWith("%YAML")) {
            throw new VisionModelException("not an OpenCV YAML model: " + origin);
        }
        try (FileStorage fs = new FileStorage(yaml, FileStorage.READ | FileStorage.MEMORY | FileStorage.FORMAT_YAML)) {
            if (!fs.isOpened()) {
                throw new VisionModelException("unreadable model YAML: " + origin);
            }
            int format = intKey(fs, FORMAT_KEY, origin);
            if (format != FORMAT) {
                throw new VisionModelException(
                        "expected model format " + FORMAT + " but was " + format + ": " + origin);
            }
            int cols = intKey(fs, COLS_KEY, origin);
            int rows = intKey(fs, ROWS_KEY, origin);
            try (FileNode histograms = fs.get("histograms");
                    FileNode labels = fs.get("labels")) {
                if (!histograms.isSeq() || labels.isNone()) {
                    throw new VisionModelException("model lacks histograms or labels: " + origin);
                }
            }
            LBPHFaceRecognizer model = LBPHFaceRecognizer.create();
            try (FileNode root = fs.root()) {
                model.read(root);
            }
            try (MatVector histograms = model.getHistograms();
                    Mat labels = model.getLabels()) {
                if (histograms.size() != labels.rows() || (labels.rows() > 0 && labels.cols() != 1)) {
                    model.close();
                    throw new VisionModelException("expected one label per histogram but found " + labels.rows() + "x"
                            + labels.cols() + " labels for " + histograms.size() + " histograms: " + origin);
                }
            }
            return new Loaded(model, cols, rows);
        } catch (RuntimeException e) {
            throw new VisionModelException("malformed LBPH model " + origin + ": " + e.getMessage(), e);
        }
    }

    private static int intKey(FileStorage fs, String key, String origin) throws VisionModelException {
        try (FileNode node = fs.get(key)) {
            if (!node.isInt()) {
                throw new VisionModelException("model lacks integer key " + key + ": " + origin);
            }
            return node.asInt();
        }
    }

    private static byte[] readAtMost(InputStream in, long max, Path source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max) {
                throw new VisionModelException("model " + source + " expands beyond the limit of " + max + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
