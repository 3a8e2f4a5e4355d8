package io.motam.protocol.uplink;

import io.motam.domain.SystemState;
import io.motam.protocol.session.Fingerprint;
import java.util.Optional;

/**
 * The gateway's decisions about a camera connection, implemented by the gateway app over its
 * registry, pairing desk, audit log and state. Every refusal is the gate's to audit; the camera
 * learns nothing of why (its TLS handshake fails, or the link closes without a word).
 */
public interface Gate {

    /**
     * Asked once per TLS handshake, after the client proved it holds the key: may it open a
     * session at all? (Registered, or a pairing offer is open.) A refusal is a TLS
     * {@code bad_certificate} alert, and the gate's to audit.
     *
     * @param address the link's peer address (a Bluetooth device address on RFCOMM)
     */
    boolean mayHandshake(Fingerprint key, String address);

    /** Whether the key is registered, so no pairing proof is needed. */
    boolean isRegistered(Fingerprint key);

    /**
     * Decides whether the camera may continue, and audits the decision: a registered key must
     * belong to {@code cameraId}; an unregistered one must present a pairing proof that the
     * open offer accepts (and is then registered under {@code cameraId}).
     *
     * @param pairing the PAIR_PROOF and this session's exporter, for unregistered keys only
     */
    boolean authorise(String cameraId, Fingerprint key, Optional<PairingAttempt> pairing, String address);

    /**
     * The camera passed: may it be connected now? (The gateway takes a limited number of
     * cameras; a newer connection of the same camera replaces the older one.) A refusal is
     * audited and answered with CLOSE(ANOTHER_CAMERA_CONNECTED).
     */
    boolean attach(GatewayConnection connection);

    /** The attached connection ended. */
    void detach(GatewayConnection connection);

    /** The system state sent in WELCOME. */
    SystemState systemState();

    /** The state sent in WELCOME to {@code cameraId}: on a gateway with several cameras, that camera's own. */
    default SystemState systemState(String cameraId) {
        return systemState();
    }

    /**
     * The camera's release epoch sent in WELCOME (protocol 4): how many releases the gateway
     * has authorised for it. 0, the default, never lifts a block the camera holds.
     */
    default long releaseEpoch(String cameraId) {
        return 0;
    }
}
