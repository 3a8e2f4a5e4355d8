package io.motam.link.bluetooth;

/**
 * What BlueZ asks a pairing agent ({@code org.bluez.Agent1}) about a device. Each maps to one
 * agent method; all are answered by {@link PairingGate}.
 */
public enum AgentRequest {
    /** {@code RequestConfirmation}: numeric comparison during Secure Simple Pairing. */
    CONFIRM_PASSKEY,
    /** {@code RequestAuthorization}: "just works" pairing initiated by the peer. */
    AUTHORIZE_PAIRING,
    /** {@code AuthorizeService}: an untrusted device connects to a service (our SPP profile). */
    AUTHORIZE_SERVICE,
    /** {@code RequestPinCode}: legacy (pre-2.1) PIN pairing, which MOTAM never does. */
    PIN_CODE,
    /** {@code RequestPasskey}: the peer displays a passkey for us to type, which a headless box cannot. */
    PASSKEY
}
