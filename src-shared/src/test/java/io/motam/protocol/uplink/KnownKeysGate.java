package io.motam.protocol.uplink;

import io.motam.domain.SystemState;
import io.motam.protocol.session.Fingerprint;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway side of a link for the protocol's own tests: admits exactly the keys registered
 * here, each for its camera id, and nothing else (no pairing, no audit). The gateway's decisions
 * (pairing, refusals, audit) are the real {@code CameraGate}'s and are attacked in gateway-app's
 * {@code LinkAttackTest}.
 */
final class KnownKeysGate implements Gate {
    final Map<Fingerprint, String> keys = new ConcurrentHashMap<>();
    final ActiveConnections active;
    volatile SystemState state = SystemState.RUNNING;

    KnownKeysGate(int maxCameras) {
        this.active = new ActiveConnections(maxCameras);
    }

    /** Admits {@code key} as camera {@code cameraId}. */
    KnownKeysGate admit(Fingerprint key, String cameraId) {
        keys.put(key, cameraId);
        return this;
    }

    @Override
    public boolean mayHandshake(Fingerprint key, String address) {
        return keys.containsKey(key);
    }

    @Override
    public boolean isRegistered(Fingerprint key) {
        return keys.containsKey(key);
    }

    @Override
    public boolean authorise(String cameraId, Fingerprint key, Optional<PairingAttempt> attempt, String address) {
        return cameraId.equals(keys.get(key));
    }

    @Override
    public boolean attach(GatewayConnection receiver) {
        return active.attach(receiver);
    }

    @Override
    public void detach(GatewayConnection receiver) {
        active.detach(receiver);
    }

    @Override
    public SystemState systemState() {
        return state;
    }
}
