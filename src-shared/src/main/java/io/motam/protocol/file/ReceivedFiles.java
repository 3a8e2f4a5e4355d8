package io.motam.protocol.file;

import io.motam.protocol.message.FileOffer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the gateway keeps the files cameras send: a folder for partial files, and the store
 * that takes a file once it has arrived whole and verified. Implemented by the gateway (a simple
 * folder per camera, later the backup store).
 */
public interface ReceivedFiles {

    /**
     * The folder for this camera's partial files and their bookkeeping ({@code <fileId>.part},
     * {@code .offer}, {@code .done}); created if missing. It should be on the same file system as
     * the store, so that {@link #completed} can move a file with a rename.
     */
    Path partialDir(String cameraId) throws IOException;

    /**
     * A file arrived whole: {@code verifiedFile} is fsync'd and hashes to {@code offer.sha256()}.
     * Move it into the store atomically (temporary name or rename, then fsync the folder) and
     * make that durable before returning: the camera deletes its copy when this returns.
     *
     * <p>If the gateway crashed during an earlier call, this is called again for the same
     * {@code offer.fileId()} as long as {@code verifiedFile} still exists; an implementation that
     * copies instead of moving must then recognise the file it already holds.
     */
    void completed(String cameraId, FileOffer offer, Path verifiedFile) throws IOException;
}
