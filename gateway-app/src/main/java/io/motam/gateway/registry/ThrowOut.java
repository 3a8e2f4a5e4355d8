package io.motam.gateway.registry;

import io.motam.gateway.adapter.AdapterControl;
import io.motam.gateway.adapter.AdapterException;
import io.motam.gateway.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Throws a camera out: ends its session, removes the device from the adapter's paired list and
 * blocks it there, and remembers the block; only a new pairing offer ({@link #unblockAll})
 * lifts it. Every step is audited.
 */
@ApplicationScoped
public class ThrowOut {
    private static final Logger LOG = Logger.getLogger(ThrowOut.class);

    @Inject
    AdapterControl adapter;

    @Inject
    CameraDisconnector disconnector;

    @Inject
    Blocklist blocklist;

    @Inject
    AuditLog audit;

    /**
     * Throws the camera out. {@code disconnect} is false when its link is closing anyway (a
     * denial during the handshake).
     */
    public void throwOut(String cameraId, String fingerprint, String address, String why, boolean disconnect) {
        if (disconnect && cameraId != null) {
            boolean was = disconnector.disconnect(cameraId, why);
            if (was) {
                audit.append("DISCONNECTED", cameraId, fingerprint, address, why);
            }
        }
        if (address == null || address.isBlank()) {
            audit.append("THROW_OUT_INCOMPLETE", cameraId, fingerprint, null, why + "; no device address to block");
            LOG.warnf("camera %s thrown out without a device address to block (%s)", cameraId, why);
            return;
        }
        try {
            adapter.throwOut(address);
            blocklist.add(new Blocklist.Blocked(address, cameraId, fingerprint, Instant.now(), why));
            audit.append("BLOCKED", cameraId, fingerprint, address, why);
            LOG.infof("camera %s address=%s thrown out and blocked: %s", cameraId, address, why);
        } catch (AdapterException | RuntimeException e) {
            audit.append("THROW_OUT_FAILED", cameraId, fingerprint, address, why + "; adapter: " + e.getMessage());
            LOG.errorf("camera %s address=%s could not be removed and blocked on the adapter: %s", cameraId, address,
                    e.getMessage());
        }
    }

    /** Lifts every block: the operator has opened a new pairing offer. */
    public void unblockAll(String why) {
        for (Blocklist.Blocked b : blocklist.all()) {
            try {
                adapter.unblock(b.address());
                blocklist.remove(b.address());
                audit.append("UNBLOCKED", b.cameraId(), b.fingerprint(), b.address(), why);
            } catch (AdapterException | RuntimeException e) {
                audit.append("UNBLOCK_FAILED", b.cameraId(), b.fingerprint(), b.address(), why + "; adapter: "
                        + e.getMessage());
                LOG.errorf("address=%s could not be unblocked: %s", b.address(), e.getMessage());
            }
        }
    }
}
