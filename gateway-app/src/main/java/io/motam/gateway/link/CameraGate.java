package io.motam.gateway.link;

import io.motam.domain.SystemState;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.AuthorisationLog;
import io.motam.gateway.registry.AuthorisationLog.Decision;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.SystemStateController;
import io.motam.protocol.pairing.PairingWindow;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.uplink.Gate;
import io.motam.protocol.uplink.GatewayConnection;
import io.motam.protocol.uplink.PairingAttempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * The gateway's decisions about camera connections, over its registry, pairing desk, audit log
 * and state. Every decision is audited with its reason; the camera learns none of them.
 */
final class CameraGate implements Gate {
    private static final Logger LOG = Logger.getLogger(CameraGate.class);
    /** Handshake refusals from one source are audited (and thrown out) at most once per this period. */
    static final Duration REFUSAL_QUIET = Duration.ofMinutes(10);
    /** Sources whose refusals are remembered for that. */
    static final int REFUSAL_SOURCES = 256;

    private final RefusalThrottle refusals;
    private final CameraRegistry registry;
    private final PairingDesk desk;
    private final AuthorisationLog audit;
    private final SystemStateController state;
    private final ActiveCameras active;

    CameraGate(
            CameraRegistry registry,
            PairingDesk desk,
            AuthorisationLog audit,
            SystemStateController state,
            ActiveCameras active) {
        this.registry = registry;
        this.desk = desk;
        this.audit = audit;
        this.state = state;
        this.active = active;
        this.refusals = new RefusalThrottle(REFUSAL_QUIET, REFUSAL_SOURCES, Clock.systemUTC());
    }

    @Override
    public boolean mayHandshake(Fingerprint key, String address) {
        if (registry.isAuthorised(key) || desk.isOpen()) {
            return true;
        }
        String source = PeerSource.of(address);
        OptionalLong skipped = refusals.refused(source);
        if (skipped.isPresent()) {
            audit.record(
                    Decision.DENIED,
                    null,
                    key.hex(),
                    address,
                    "unknown key, no pairing offer open"
                            + (skipped.getAsLong() > 0
                                    ? " (" + skipped.getAsLong() + " more refusals from " + source
                                            + " not audited since the last)"
                                    : ""));
        } else {
            LOG.debugf(
                    "handshake of unknown key %s from %s refused (refusals from %s audited at most every %s)",
                    key.hex(), address, source, REFUSAL_QUIET);
        }
        return false;
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
                audit.record(
                        Decision.DENIED,
                        cameraId,
                        key.hex(),
                        address,
                        "key registered for camera " + known.get().id());
                return false;
            }
            audit.record(Decision.GRANTED, cameraId, key.hex(), address, "known key");
            return true;
        }
        if (pairing.isEmpty()) {
            audit.record(Decision.DENIED, cameraId, key.hex(), address, "unknown key without a pairing proof");
            return false;
        }
        PairingWindow.Outcome outcome =
                desk.redeem(pairing.get().proof(), pairing.get().sessionExporter(), key);
        if (outcome != PairingWindow.Outcome.GRANTED) {
            audit.record(
                    Decision.DENIED,
                    cameraId,
                    key.hex(),
                    address,
                    "pairing " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            return false;
        }
        CameraRegistry.Registration r = registry.register(cameraId, key, address, Instant.now());
        for (AuthorisedCamera old : r.replaced()) {
            audit.record(
                    Decision.REPLACED,
                    old.id(),
                    old.fingerprint(),
                    old.address(),
                    "camera paired again with key " + key.hex() + " from " + address);
        }
        audit.record(
                Decision.GRANTED,
                r.camera().id(),
                key.hex(),
                address,
                "paired with a one-time offer"
                        + (r.replaced().isEmpty()
                                ? ""
                                : " (replaces " + r.replaced().size() + " old key(s))"));
        return true;
    }

    @Override
    public boolean attach(GatewayConnection connection) {
        if (!active.attach(connection)) {
            audit.record(
                    Decision.REFUSED,
                    connection.cameraId(),
                    connection.key().hex(),
                    connection.peerAddress(),
                    "another camera is connected (max-cameras reached)");
            return false;
        }
        registry.seen(connection.key(), Instant.now());
        state.cameraLink(connection.cameraId(), true);
        return true;
    }

    @Override
    public void detach(GatewayConnection connection) {
        active.detach(connection);
        if (active.cameraIds().stream().noneMatch(connection.cameraId()::equals)) {
            state.cameraLink(connection.cameraId(), false);
        }
    }

    @Override
    public SystemState systemState() {
        return state.status().system();
    }

    @Override
    public SystemState systemState(String cameraId) {
        return state.cameraState(cameraId);
    }

    @Override
    public long releaseEpoch(String cameraId) {
        return state.releaseEpoch(cameraId);
    }
}
