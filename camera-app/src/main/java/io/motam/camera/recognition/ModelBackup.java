package io.motam.camera.recognition;

import io.motam.camera.evidence.FileDispatch;
import io.motam.domain.FileKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Saves the face model to the data folder and hands it to the {@link FileDispatch} for backup on
 * the gateway: at once after enrolment and at shutdown, and after a reinforcement only when the
 * last save is at least {@code minInterval} old (an LBPH save costs a few hundred ms and a ~10 MB
 * file; an embedding gallery is at most ~400 KiB).
 * Failures are logged, never thrown: the camera goes on recognising.
 */
public final class ModelBackup {
    private static final Logger LOG = Logger.getLogger(ModelBackup.class);

    private final Path folder;
    private final FileDispatch dispatch;
    private final long minIntervalNanos;
    private final LongSupplier nanoTime;
    private long lastSave;
    private boolean saved;
    private boolean dirty;

    public ModelBackup(Path folder, FileDispatch dispatch, Duration minInterval) {
        this(folder, dispatch, minInterval, System::nanoTime);
    }

    ModelBackup(Path folder, FileDispatch dispatch, Duration minInterval, LongSupplier nanoTime) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("expected a backup interval >= 0 but was " + minInterval);
        }
        this.minIntervalNanos = minInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Saves and dispatches now. */
    public synchronized void saveNow(FaceEngine engine) {
        Path file = folder.resolve(engine.fileName());
        try {
            engine.save(file);
            lastSave = nanoTime.getAsLong();
            saved = true;
            dirty = false;
            dispatch.send(FileKind.MODEL, file);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("model could not be saved to %s: %s", file, e.getMessage());
        }
    }

    /** The model changed; saves if the last save is old enough, else remembers it for later. */
    public synchronized void changed(FaceEngine engine) {
        dirty = true;
        if (!saved || nanoTime.getAsLong() - lastSave >= minIntervalNanos) {
            saveNow(engine);
        }
    }

    /** Saves if anything changed since the last save (at shutdown). */
    public synchronized void flush(FaceEngine engine) {
        if (dirty) {
            saveNow(engine);
        }
    }

    /** Where the model of {@code engine} is saved. */
    public Path fileOf(FaceEngine engine) {
        return folder.resolve(engine.fileName());
    }
}
