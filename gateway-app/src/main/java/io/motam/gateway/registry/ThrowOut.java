package io.motam.gateway.registry;

import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.bluetooth.AdapterControl;
import io.motam.gateway.bluetooth.AdapterException;
import io.motam.gateway.bluetooth.Blocklist;
import io.motam.link.bluetooth.BluetoothAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Throws a camera out: ends its session, removes the device from the adapter's paired list and
 * blocks it there, and remembers the block in the bounded {@link Blocklist}; only a new pairing
 * offer ({@link #unblockAll}) lifts it. Only Bluetooth devices are blocked: a TCP peer
 * ({@code tcp:<ip>:<port>}) is no device, blocking it would do nothing, so it never enters the
 * block list. Every step is audited.
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
        if (disconnect) {
            disconnect(cameraId, fingerprint, address, why);
        }
        if (address == null || address.isBlank()) {
            audit.append("THROW_OUT_INCOMPLETE", cameraId, fingerprint, null, why + "; no device address to block");
            LOG.warnf("camera %s thrown out without a device address to block (%s)", cameraId, why);
            return;
        }
        if (!isDevice(address)) {
            LOG.debugf("camera %s address=%s not blocked: a TCP peer is no device (%s)", cameraId, address, why);
            return;
        }
        try {
            adapter.throwOut(address);
            for (Blocklist.Blocked forgotten :
                    blocklist.add(new Blocklist.Blocked(address, cameraId, fingerprint, Instant.now(), why))) {
                audit.append(
                        "BLOCK_FORGOTTEN",
                        forgotten.cameraId(),
                        forgotten.fingerprint(),
                        forgotten.address(),
                        "block list full: oldest entry forgotten, the device stays blocked on the adapter");
            }
            audit.append("BLOCKED", cameraId, fingerprint, address, why);
            LOG.infof("camera %s address=%s thrown out and blocked: %s", cameraId, address, why);
        } catch (AdapterException | RuntimeException e) {
            audit.append("THROW_OUT_FAILED", cameraId, fingerprint, address, why + "; adapter: " + e.getMessage());
            LOG.errorf(
                    "camera %s address=%s could not be removed and blocked on the adapter: %s",
                    cameraId, address, e.getMessage());
        }
    }

    /** Ends the camera's session, if one is open (audited as {@code DISCONNECTED}); blocks nothing. */
    public void disconnect(String cameraId, String fingerprint, String address, String why) {
        if (cameraId != null && disconnector.disconnect(cameraId, why)) {
            audit.append("DISCONNECTED", cameraId, fingerprint, address, why);
        }
    }

    /**
     * Whether {@code address} names a device an adapter can block: a Bluetooth address, as a link
     * peer ({@code bt:AA:BB:CC:DD:EE:FF}) or bare. A TCP peer is not.
     */
    static boolean isDevice(String address) {
        String bare = address.startsWith(BluetoothAddress.ENDPOINT_PREFIX)
                ? address.substring(BluetoothAddress.ENDPOINT_PREFIX.length())
                : address;
        try {
            BluetoothAddress.parse(bare);
            return true;
        } catch (IllegalArgumentException notBluetooth) {
            return false;
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
                audit.append(
                        "UNBLOCK_FAILED",
                        b.cameraId(),
                        b.fingerprint(),
                        b.address(),
                        why + "; adapter: " + e.getMessage());
                LOG.errorf("address=%s could not be unblocked: %s", b.address(), e.getMessage());
            }
        }
    }
}
