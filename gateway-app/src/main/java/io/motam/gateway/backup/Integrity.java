package io.motam.gateway.backup;

/** What a check of a stored file against its index entry found. */
public enum Integrity {
    /** Size and SHA-256 match the index. */
    VERIFIED,
    /** The file is there but its size or hash differs: it is never shown or restored. */
    CORRUPT,
    /** The file is gone. */
    MISSING
}
