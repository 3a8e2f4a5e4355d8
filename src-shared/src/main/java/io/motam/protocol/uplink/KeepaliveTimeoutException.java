package io.motam.protocol.uplink;

import io.motam.protocol.frame.ProtocolException;
import java.time.Duration;

/** Nothing arrived from the peer for the keepalive time: the link is dead (or the peer hangs) and was dropped. */
public final class KeepaliveTimeoutException extends ProtocolException {
    public KeepaliveTimeoutException(long silentMillis, Duration keepalive) {
        super("no bytes for " + silentMillis + " ms (keepalive " + keepalive.toMillis() + " ms): link dead");
    }
}
