package io.motam.protocol.message;

import java.util.Objects;

/**
 * The checks a file's description gets in {@link FileOffer} and {@link RestoreOffer}: a plain
 * name ({@link FileOffer#NAME}), a size within the message's limit, a SHA-256 of
 * {@link FileOffer#SHA256_LENGTH} bytes.
 */
final class OfferedContent {
    private OfferedContent() {}

    /**
     * Checks the three and returns a copy of {@code sha256} for the record to keep.
     *
     * @throws IllegalArgumentException naming what is wrong ("expected ... but was ...")
     */
    static byte[] checked(String name, long size, long maxSize, byte[] sha256) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        if (!FileOffer.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("expected a file name matching " + FileOffer.NAME.pattern()
                    + " but was '" + name.replaceAll("[^\\x20-\\x7e]", "?") + "'");
        }
        if (size < 0 || size > maxSize) {
            throw new IllegalArgumentException("expected a size of 0.." + maxSize + " but was " + size);
        }
        if (sha256.length != FileOffer.SHA256_LENGTH) {
            throw new IllegalArgumentException(
                    "expected a SHA-256 of " + FileOffer.SHA256_LENGTH + " bytes but was " + sha256.length);
        }
        return sha256.clone();
    }
}
