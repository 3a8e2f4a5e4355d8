package io.motam.link.bluetooth.bluez;

import io.motam.link.bluetooth.AgentRequest;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.PairingGate;
import java.util.Objects;
import java.util.Optional;
import org.bluez.Agent1;
import org.bluez.Error.Rejected;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.jboss.logging.Logger;

/**
 * Our {@code org.bluez.Agent1}, exported on the bus and registered with BlueZ as the default
 * agent with capability {@value #CAPABILITY}: BlueZ asks it whenever a device pairs or an
 * untrusted device connects to a service, and it answers with the {@link PairingGate}'s verdict.
 * A refusal is the error {@code org.bluez.Error.Rejected}; the reason stays in our log.
 *
 * <p>Why {@value #CAPABILITY}: with both ends headless, {@code NoInputNoOutput} would make the
 * kernel accept "just works" pairing by itself without asking any agent, so nothing could refuse
 * a stranger. With {@code DisplayYesNo} Secure Simple Pairing uses numeric comparison and BlueZ
 * asks {@link #RequestConfirmation} on both sides; nobody compares the six digits (there is no
 * screen), the gate decides by address instead. Eavesdropping protection comes from the pairing
 * key exchange; authentication of the peer comes from MOTAM's pinned TLS session above.
 */
final class PairingAgent implements Agent1 {

    private static final Logger LOG = Logger.getLogger(PairingAgent.class);

    /** The IO capability we register with ({@code doc/agent-api.txt}). */
    static final String CAPABILITY = "DisplayYesNo";

    private final String path;
    private final PairingGate gate;
    private volatile boolean released;

    PairingAgent(String path, PairingGate gate) {
        this.path = Objects.requireNonNull(path, "path");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    /** Whether BlueZ has released the agent (it then asks no more). */
    boolean isReleased() {
        return released;
    }

    @Override
    public void Release() {
        released = true;
        LOG.warnf(
                "BlueZ released the pairing agent %s: pairing requests will not reach MOTAM until it is registered again",
                path);
    }

    @Override
    public String RequestPinCode(DBusPath device) {
        throw refuse(device, AgentRequest.PIN_CODE);
    }

    @Override
    public void DisplayPinCode(DBusPath device, String pincode) {
        throw refuse(device, AgentRequest.PIN_CODE);
    }

    @Override
    public UInt32 RequestPasskey(DBusPath device) {
        throw refuse(device, AgentRequest.PASSKEY);
    }

    @Override
    public void DisplayPasskey(DBusPath device, UInt32 passkey, UInt16 entered) {
        // only shown while the peer types it; MOTAM peers never type, so nothing to do
        LOG.debugf("BlueZ shows passkey for %s (%s typed)", device, entered);
    }

    @Override
    public void RequestConfirmation(DBusPath device, UInt32 passkey) {
        decide(device, AgentRequest.CONFIRM_PASSKEY, null);
    }

    @Override
    public void RequestAuthorization(DBusPath device) {
        decide(device, AgentRequest.AUTHORIZE_PAIRING, null);
    }

    @Override
    public void AuthorizeService(DBusPath device, String uuid) {
        decide(device, AgentRequest.AUTHORIZE_SERVICE, uuid);
    }

    @Override
    public void Cancel() {
        LOG.info("BlueZ cancelled the pending agent request");
    }

    /** Legacy PIN and typed passkeys: asked only so that the refusal is logged like the others. */
    private Rejected refuse(DBusPath device, AgentRequest request) {
        try {
            decide(device, request, null);
        } catch (Rejected e) {
            return e;
        }
        return new Rejected("rejected");
    }

    /** Returns normally if granted; throws {@code org.bluez.Error.Rejected} otherwise. */
    private void decide(DBusPath devicePath, AgentRequest request, String uuid) {
        String path = devicePath == null ? null : devicePath.getPath();
        Optional<BluetoothAddress> device = BluetoothAddress.fromObjectPath(path);
        if (device.isEmpty()) {
            LOG.warnf("Agent %s for an object that is not a device (%s): rejected", request, path);
            throw new Rejected("rejected");
        }
        if (!gate.decide(device.get(), request, uuid).granted()) {
            throw new Rejected("rejected");
        }
    }
}
