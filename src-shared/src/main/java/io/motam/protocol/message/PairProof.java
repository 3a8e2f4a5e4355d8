package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;
import java.util.Arrays;
import java.util.Objects;

/** Camera to gateway during first contact: proof of the one-time pairing secret, bound to this session. */
public record PairProof(byte[] proof) implements Message {
    public static final int LENGTH = 32;

    public PairProof {
        Objects.requireNonNull(proof, "proof");
        if (proof.length != LENGTH) {
            throw new IllegalArgumentException("expected a proof of " + LENGTH + " bytes but was " + proof.length);
        }
        proof = proof.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public FrameType frameType() {
        return FrameType.PAIR_PROOF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairProof p && Arrays.equals(p.proof, proof);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        return "PairProof[redacted]";
    }
}
