package io.motam.camera.uplink;

import io.motam.domain.FileKind;
import io.motam.protocol.restore.RestoreTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The model restored from the gateway at start ({@code motam.recognition.restore}): the uplink
 * asks for it after its first WELCOME of protocol version 3 and writes it, verified, to
 * {@code <data-dir>/restored/<name>}; the vision thread waits for it a bounded time before
 * enrolment ({@code motam.recognition.restore-wait}) and merges it like
 * {@code motam.recognition.model-file}.
 */
@ApplicationScoped
public class RestoredModel implements RestoreTarget {
    private final Path folder;
    private final CompletableFuture<Optional<Path>> outcome = new CompletableFuture<>();

    public RestoredModel(@ConfigProperty(name = "motam.data-dir") Path dataDir) {
        this.folder = dataDir.resolve("restored");
    }

    @Override
    public FileKind kind() {
        return FileKind.MODEL;
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public void restored(FileKind kind, Path file) {
        outcome.complete(Optional.of(file));
    }

    @Override
    public void unavailable(FileKind kind) {
        outcome.complete(Optional.empty());
    }

    /** Whether the gateway has answered (a file or none). */
    public boolean answered() {
        return outcome.isDone();
    }

    /**
     * Waits at most {@code wait} for the gateway's answer.
     *
     * @return the restored file; empty when the gateway keeps none or did not answer in time
     */
    public Optional<Path> await(Duration wait) throws InterruptedException {
        try {
            return outcome.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }
}
