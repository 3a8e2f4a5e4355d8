package io.motam.camera.vision;

import io.motam.storage.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The three ONNX files of the embedding engine, as shipped by the npm package
 * {@code faceplugin-face-recognition-js@0.0.1} (folder {@code model/}): face detector, 68-point
 * landmarks and the 512-float face embedding. Each file is pinned by size and SHA-256; a file
 * that is missing, shorter or longer, or hashes differently is refused by {@link #verify()} with a
 * message naming it.
 *
 * @param dir folder holding the three files ({@code motam.recognition.model-dir})
 */
public record FaceModelFiles(Path dir) {

    /** One pinned file. */
    public record Pinned(String name, long size, String sha256) {}

    public static final String PACKAGE = "faceplugin-face-recognition-js@0.0.1";
    public static final Pinned DETECT =
            new Pinned("fr_detect.onnx", 1_217_758, "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854");
    public static final Pinned LANDMARK = new Pinned(
            "fr_landmark.onnx", 1_163_742, "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258");
    public static final Pinned FEATURE = new Pinned(
            "fr_feature.onnx", 4_884_269, "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");
    public static final List<Pinned> ALL = List.of(DETECT, LANDMARK, FEATURE);

    public Path detect() {
        return dir.resolve(DETECT.name());
    }

    public Path landmark() {
        return dir.resolve(LANDMARK.name());
    }

    public Path feature() {
        return dir.resolve(FEATURE.name());
    }

    /**
     * Checks every file's presence, size and SHA-256.
     *
     * @throws VisionModelException naming the first bad file and what is wrong with it
     */
    public void verify() throws VisionModelException {
        for (Pinned p : ALL) {
            verifyFile(dir.resolve(p.name()), p);
        }
    }

    /** Checks one file's presence, size and SHA-256 against {@code p}. */
    public static void verifyFile(Path file, Pinned p) throws VisionModelException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new VisionModelException("face model file missing or unreadable: " + file + " (expected " + p.name()
                    + " of " + PACKAGE + ")");
        }
        try {
            long size = Files.size(file);
            if (size != p.size()) {
                throw new VisionModelException("face model file " + file + ": expected " + p.size() + " bytes but was "
                        + size + (size < p.size() ? " (truncated)" : ""));
            }
            String hash = sha256(file);
            if (!hash.equals(p.sha256())) {
                throw new VisionModelException(
                        "face model file " + file + ": expected SHA-256 " + p.sha256() + " but was " + hash);
            }
        } catch (VisionModelException e) {
            throw e;
        } catch (IOException e) {
            throw new VisionModelException("face model file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        return Sha256.hex(Sha256.of(file));
    }
}
