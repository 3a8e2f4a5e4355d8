package io.motam.protocol.restore;

import io.motam.domain.FileKind;
import io.motam.protocol.message.RestoreOffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A file the gateway sends back to a camera, held in memory (at most {@link RestoreOffer#MAX_SIZE}).
 *
 * @param kind what it holds
 * @param name its name as backed up
 * @param content its bytes, already verified against the store's hash (copied in)
 */
public record RestoreFile(FileKind kind, String name, byte[] content) {
    public RestoreFile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (content.length > RestoreOffer.MAX_SIZE) {
            throw new IllegalArgumentException(
                    "expected at most " + RestoreOffer.MAX_SIZE + " bytes to restore but was " + content.length);
        }
        if (!io.motam.protocol.message.FileOffer.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("expected a file name matching "
                    + io.motam.protocol.message.FileOffer.NAME.pattern() + " but was '" + name + "'");
        }
        content = content.clone();
    }

    /** The offer announcing this file (name checked there). */
    public RestoreOffer offer() {
        try {
            return new RestoreOffer(
                    kind,
                    name,
                    content.length,
                    MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Bytes {@code from} .. {@code from + length} without a defensive copy of the whole file. */
    byte[] slice(int from, int length) {
        return java.util.Arrays.copyOfRange(content, from, from + length);
    }

    int length() {
        return content.length;
    }

    @Override
    public String toString() {
        return "RestoreFile[" + kind + " " + name + " " + content.length + " B]";
    }
}
