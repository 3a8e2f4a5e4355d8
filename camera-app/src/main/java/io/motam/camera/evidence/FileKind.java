package io.motam.camera.evidence;

/** What a file handed to {@link FileDispatch} holds; the receiver files it by kind. */
public enum FileKind {
    /** A JPEG of the frame taken on entering ALERT or at a configured alert count. */
    SNAPSHOT,
    /** The recognition model (gzip of OpenCV YAML), for backup on the gateway. */
    MODEL,
    /** A log excerpt. */
    LOG
}
