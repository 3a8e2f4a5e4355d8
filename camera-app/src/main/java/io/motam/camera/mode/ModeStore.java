package io.motam.camera.mode;

import io.motam.domain.CameraMode;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The camera's mode, alert count and release epochs in {@code <data-dir>/mode.properties},
 * replaced atomically (fsync'd) at every change, so that no restart lowers a mode or resets a
 * count. A file that cannot be read restores BLOCKED with an unknown block epoch: a damaged
 * file must never open a blocked camera.
 *
 * <pre>
 *   mode=BLOCKED
 *   beforeStop=NORMAL
 *   alerts=12
 *   releaseEpoch=3
 *   blockedAtEpoch=3
 * </pre>
 */
public final class ModeStore {
    static final String FILE = "mode.properties";
    private final Path file;

    private ModeStore(Path file) {
        this.file = file;
    }

    /** The store in {@code dir} (created when needed). */
    public static ModeStore in(Path dir) {
        return new ModeStore(dir.resolve(FILE));
    }

    public Path file() {
        return file;
    }

    /** The saved record; empty when none was ever saved. Never throws for bad content. */
    public Optional<ModeRecord> load() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(text));
            CameraMode mode = CameraMode.valueOf(required(p, "mode"));
            String before = p.getProperty("beforeStop", "");
            return Optional.of(new ModeRecord(
                    mode,
                    before.isEmpty() ? null : CameraMode.valueOf(before),
                    Integer.parseInt(required(p, "alerts")),
                    Long.parseLong(required(p, "releaseEpoch")),
                    Long.parseLong(required(p, "blockedAtEpoch"))));
        } catch (IllegalArgumentException e) {
            return Optional.of(new ModeRecord(CameraMode.BLOCKED, null, 0, 0, ModeRecord.UNKNOWN));
        }
    }

    /** Replaces the record atomically and durably. */
    public void save(ModeRecord r) throws IOException {
        String text = "mode=" + r.mode() + "\nbeforeStop=" + (r.beforeStop() == null ? "" : r.beforeStop())
                + "\nalerts=" + r.alerts() + "\nreleaseEpoch=" + r.releaseEpoch() + "\nblockedAtEpoch="
                + r.blockedAtEpoch() + "\n";
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.trim();
    }
}
