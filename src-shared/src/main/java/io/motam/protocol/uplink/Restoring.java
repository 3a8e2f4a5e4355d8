package io.motam.protocol.uplink;

import io.motam.protocol.restore.RestoreTarget;
import java.util.concurrent.atomic.AtomicBoolean;

/** The camera's wish to restore a file, kept across connections until the target heard an outcome. */
final class Restoring {
    private final RestoreTarget target;
    private final AtomicBoolean settled = new AtomicBoolean();

    Restoring(RestoreTarget target) {
        this.target = target;
    }

    RestoreTarget target() {
        return target;
    }

    boolean pending() {
        return !settled.get();
    }

    /** Marks the wish settled; true the first time only. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }
}
