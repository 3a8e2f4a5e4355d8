package io.motam.protocol.uplink;

import io.motam.protocol.file.ReceivedFiles;
import io.motam.protocol.message.FileOffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Received files in a folder per camera, recording every hand-over. */
final class FolderFiles implements ReceivedFiles {
    private final Path root;
    private final List<FileOffer> completed = new ArrayList<>();

    FolderFiles(Path root) {
        this.root = root;
    }

    @Override
    public Path partialDir(String cameraId) throws IOException {
        return Files.createDirectories(root.resolve("partial").resolve(cameraId));
    }

    @Override
    public synchronized boolean holds(String cameraId, FileOffer offer) {
        return completed.stream()
                        .anyMatch(o -> o.name().equals(offer.name())
                                && java.security.MessageDigest.isEqual(o.sha256(), offer.sha256()))
                && Files.exists(file(cameraId, offer.name()));
    }

    @Override
    public synchronized void completed(String cameraId, FileOffer offer, Path verifiedFile) throws IOException {
        Path dir = Files.createDirectories(root.resolve("files").resolve(cameraId));
        Files.move(
                verifiedFile,
                dir.resolve(offer.name()),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        completed.add(offer);
    }

    Path file(String cameraId, String name) {
        return root.resolve("files").resolve(cameraId).resolve(name);
    }

    synchronized List<FileOffer> completed() {
        return List.copyOf(completed);
    }
}
