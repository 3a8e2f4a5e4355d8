package io.motam.protocol.session;

/**
 * Decides whether a TLS client whose key has this fingerprint may open a session with the
 * server, e.g. "is this camera paired?", or "is a pairing window open?".
 *
 * <p>It is asked once per handshake, after the client has proven possession of the key (its
 * CertificateVerify and Finished have been checked), so a decision can have side effects
 * (consuming a pairing window) without a copied certificate being able to trigger them. A
 * refusal reaches the client only as a {@code bad_certificate} alert.
 */
@FunctionalInterface
public interface PeerPolicy {

    /** A policy that admits every authenticated key; for tests and for pairing windows. */
    PeerPolicy ADMIT_ALL = fingerprint -> true;

    /** Whether the peer holding the key with this fingerprint is admitted. */
    boolean admit(Fingerprint peer);
}
