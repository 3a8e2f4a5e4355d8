package io.motam.gateway.link;

import io.motam.domain.SystemState;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.protocol.pairing.PairingWindow;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.registry.AuthorizationLog;
import io.motam.gateway.registry.AuthorizationLog.Decision;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.SystemStateController;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.uplink.Gate;
import io.motam.protocol.uplink.PairingAttempt;
import io.motam.protocol.uplink.UplinkReceiver;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The gateway's decisions about camera connections, over its registry, pairing desk, audit log
 * and state. Every decision is audited with its reason; the camera learns none of them.
 */
final class CameraGate implements Gate {
    private final CameraRegistry registry;
    private final PairingDesk desk;
    private final AuthorizationLog audit;
    private final SystemStateController state;
    private final ActiveCameras active;

    CameraGate(CameraRegistry registry, PairingDesk desk, AuthorizationLog audit, SystemStateController state,
            ActiveCameras active) {
        this.registry = registry;
        this.desk = desk;
        this.audit = audit;
        this.state = state;
        this.active = active;
    }

    @Override
    public boolean mayHandshake(Fingerprint key) {
        return registry.isAuthorised(key) || desk.isOpen();
    }

    @Override
    public boolean isRegistered(Fingerprint key) {
        return registry.isAuthorised(key);
    }

    @Override
    public boolean authorise(String cameraId, Fingerprint key, Optional<PairingAttempt> pairing, String address) {
        Optional<AuthorisedCamera> known = registry.find(key);
        if (known.isPresent()) {
            if (!known.get().id().equals(cameraId)) {
                audit.record(Decision.DENIED, cameraId, key.hex(), address, "key registered for camera " + known.get().id());
                return false;
            }
            audit.record(Decision.GRANTED, cameraId, key.hex(), address, "known key");
            return true;
        }
        if (pairing.isEmpty()) {
            audit.record(Decision.DENIED, cameraId, key.hex(), address, "unknown key without a pairing proof");
            return false;
        }
        PairingWindow.Outcome outcome = desk.redeem(pairing.get().proof(), pairing.get().sessionExporter(), key);
        if (outcome != PairingWindow.Outcome.GRANTED) {
            audit.record(Decision.DENIED, cameraId, key.hex(), address,
                    "pairing " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            return false;
        }
        AuthorisedCamera c = registry.register(cameraId, key, address, Instant.now());
        audit.record(Decision.GRANTED, c.id(), key.hex(), address, "paired with a one-time offer");
        return true;
    }

    @Override
    public boolean attach(UplinkReceiver receiver) {
        if (!active.attach(receiver)) {
            audit.record(Decision.REFUSED, receiver.cameraId(), receiver.key().hex(), receiver.peerAddress(),
                    "another camera is connected (max-cameras reached)");
            return false;
        }
        registry.seen(receiver.key(), Instant.now());
        state.cameraLink(receiver.cameraId(), true);
        return true;
    }

    @Override
    public void detach(UplinkReceiver receiver) {
        active.detach(receiver);
        if (active.cameraIds().stream().noneMatch(receiver.cameraId()::equals)) {
            state.cameraLink(receiver.cameraId(), false);
        }
    }

    @Override
    public SystemState systemState() {
        return state.status().system();
    }
}
