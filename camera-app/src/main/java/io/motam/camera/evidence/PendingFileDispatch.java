package io.motam.camera.evidence;

import io.motam.domain.FileKind;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The default {@link FileDispatch} until the uplink's file queue replaces it (any other
 * {@code FileDispatch} bean wins over this {@link DefaultBean}): copies each file into
 * {@code <data-dir>/pending-files/} as {@code <kind>-<utc time>-<name>} (owner-only, atomic) and
 * logs one line. A newer MODEL replaces older pending MODEL copies, as only the latest model is
 * worth backing up; snapshots accumulate.
 */
@DefaultBean
@ApplicationScoped
public class PendingFileDispatch implements FileDispatch {
    private static final Logger LOG = Logger.getLogger(PendingFileDispatch.class);
    static final String FOLDER = "pending-files";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path folder;
    private final Clock clock;

    @Inject
    public PendingFileDispatch(@ConfigProperty(name = "motam.data-dir") Path dataDir) {
        this(dataDir, Clock.systemUTC());
    }

    /** A dispatch keeping files under {@code dataDir/pending-files}. */
    public PendingFileDispatch(Path dataDir, Clock clock) {
        this.folder = dataDir.resolve(FOLDER);
        this.clock = clock;
    }

    /** Where pending files are kept. */
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized void send(FileKind kind, Path file) {
        String prefix = kind.name().toLowerCase(Locale.ROOT) + "-";
        Path target = folder.resolve(prefix + STAMP.format(clock.instant()) + "-" + file.getFileName());
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, ".incoming-", ".tmp"); // owner-only on POSIX
            try {
                Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            if (kind == FileKind.MODEL) {
                dropOlder(prefix, target);
            }
            LOG.infof("%s %s kept for delivery as %s (%d bytes)", kind, file.getFileName(), target,
                    Files.size(target));
        } catch (IOException e) {
            LOG.errorf("%s %s could not be kept for delivery: %s", kind, file, e.getMessage());
        }
    }

    private void dropOlder(String prefix, Path keep) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !p.equals(keep)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
