package io.motam.protocol.uplink;

import java.util.Objects;

/**
 * What an unregistered camera presented: its PAIR_PROOF and this session's pairing exporter,
 * for the gateway to check against its open offer ({@code PairingProof.verify}).
 */
public record PairingAttempt(byte[] proof, byte[] sessionExporter) {
    public PairingAttempt {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(sessionExporter, "sessionExporter");
        proof = proof.clone();
        sessionExporter = sessionExporter.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public byte[] sessionExporter() {
        return sessionExporter.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairingAttempt p
                && java.security.MessageDigest.isEqual(p.proof, proof)
                && java.security.MessageDigest.isEqual(p.sessionExporter, sessionExporter);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "PairingAttempt[redacted]";
    }
}
