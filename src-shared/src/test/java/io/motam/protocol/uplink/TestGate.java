package io.motam.protocol.uplink;

import io.motam.domain.SystemState;
import io.motam.protocol.pairing.PairingWindow;
import io.motam.protocol.session.Fingerprint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's decisions for tests: a registry in memory, a real {@link PairingWindow}, real
 * {@link ActiveUplinks}, and an audit list of every decision with its reason.
 */
final class TestGate implements Gate {
    record Decision(String what, String cameraId, String reason) {
    }

    final Map<Fingerprint, String> registry = new ConcurrentHashMap<>();
    final PairingWindow pairing;
    final ActiveUplinks active;
    final List<Decision> audit = new ArrayList<>();
    final List<Fingerprint> handshakesAsked = new ArrayList<>();
    volatile SystemState state = SystemState.RUNNING;

    TestGate(Clock clock, int maxCameras) {
        this.pairing = new PairingWindow(clock, why -> record("OFFER_CLOSED", null, why));
        this.active = new ActiveUplinks(maxCameras);
    }

    synchronized void record(String what, String cameraId, String reason) {
        audit.add(new Decision(what, cameraId, reason));
    }

    synchronized List<Decision> audit() {
        return List.copyOf(audit);
    }

    @Override
    public boolean mayHandshake(Fingerprint key, String address) {
        synchronized (this) {
            handshakesAsked.add(key);
        }
        return registry.containsKey(key) || pairing.isOpen();
    }

    @Override
    public boolean isRegistered(Fingerprint key) {
        return registry.containsKey(key);
    }

    @Override
    public boolean authorise(String cameraId, Fingerprint key, Optional<PairingAttempt> attempt, String address) {
        String known = registry.get(key);
        if (known != null) {
            if (!known.equals(cameraId)) {
                record("DENIED", cameraId, "key registered for camera " + known);
                return false;
            }
            record("GRANTED", cameraId, "known key");
            return true;
        }
        if (attempt.isEmpty()) {
            record("DENIED", cameraId, "no proof");
            return false;
        }
        PairingWindow.Outcome outcome = pairing.redeem(attempt.get().proof(), attempt.get().sessionExporter(), key);
        if (outcome != PairingWindow.Outcome.GRANTED) {
            record("DENIED", cameraId, "pairing " + outcome);
            return false;
        }
        registry.put(key, cameraId);
        record("GRANTED", cameraId, "paired");
        return true;
    }

    @Override
    public boolean attach(UplinkReceiver receiver) {
        boolean ok = active.attach(receiver);
        if (!ok) {
            record("REFUSED", receiver.cameraId(), "another camera is connected");
        }
        return ok;
    }

    @Override
    public void detach(UplinkReceiver receiver) {
        active.detach(receiver);
    }

    @Override
    public SystemState systemState() {
        return state;
    }

    synchronized long count(String what) {
        return audit.stream().filter(d -> d.what().equals(what)).count();
    }
}
