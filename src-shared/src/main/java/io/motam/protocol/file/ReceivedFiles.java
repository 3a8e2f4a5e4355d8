package io.motam.protocol.file;

import io.motam.protocol.message.FileOffer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the gateway keeps the files cameras send: a folder for partial files, and the store
 * that takes a file once it has arrived whole and verified. Implemented by the gateway (the
 * backup store).
 *
 * <p>A file is done, and answered FILE_DONE OK, only once {@link #completed} has returned: the
 * file is in the store and its index entry is durable. A re-offer is answered OK only while
 * {@link #holds} says the store has that content; otherwise the file is received again.
 */
public interface ReceivedFiles {

    /**
     * The folder for this camera's partial files and their bookkeeping ({@code <fileId>.part},
     * {@code .offer}); created if missing. It should be on the same file system as the store, so
     * that {@link #completed} can move a file with a rename.
     */
    Path partialDir(String cameraId) throws IOException;

    /**
     * Whether the store holds this file durably (same camera, kind and SHA-256, indexed, intact),
     * so that a re-offer of it can be answered OK without a transfer.
     */
    boolean holds(String cameraId, FileOffer offer) throws IOException;

    /**
     * Called before a transfer starts or resumes, with the bytes already held in its partial
     * file: throws when receiving the rest would break the store's limits (its size, the free
     * space it must leave). The receiver then closes the link with STORAGE_FAILURE and the
     * camera keeps the file and offers it again later. Accepts everything unless implemented.
     */
    default void admit(String cameraId, FileOffer offer, long bytesHeld) throws IOException {}

    /**
     * A file arrived whole: {@code verifiedFile} is fsync'd and hashes to {@code offer.sha256()}
     * (the receiver hashed it as it arrived; there is no need to read it again).
     * Move it into the store atomically (temporary name or rename, then fsync the folder) and
     * make it and its index entry durable before returning: the camera deletes its copy once
     * this returns. On failure nothing may stay in the store that a later {@link #holds} reports.
     *
     * <p>If the gateway crashed during an earlier call, the camera offers the file again: it is
     * answered OK if {@link #holds} reports it, otherwise received again (from what is left of
     * {@code verifiedFile}, or from 0) and this is called again for the same offer.
     */
    void completed(String cameraId, FileOffer offer, Path verifiedFile) throws IOException;

    /**
     * A file arrived whole but its bytes hash to {@code actualSha256}, not to the offer's: the
     * receiver has deleted it and answers HASH_MISMATCH. For reporting only; does nothing unless
     * implemented.
     */
    default void rejected(String cameraId, FileOffer offer, byte[] actualSha256) {}
}
