package io.motam.protocol.frame;

import java.util.Optional;

/**
 * Frame type codes (the second header byte). See docs/protocol.md for each message.
 * Sequenced types carry a delivery sequence number in the header; the others carry 0.
 */
public enum FrameType {
    HELLO(0x01, false),
    WELCOME(0x02, false),
    PAIR_PROOF(0x03, false),
    EVENT(0x10, true),
    ACK(0x11, false),
    COMMAND(0x20, false),
    PING(0x30, false),
    PONG(0x31, false),
    CLOSE(0x3F, false),
    FILE_OFFER(0x40, false),
    FILE_CHUNK(0x41, false),
    FILE_ACK(0x42, false),
    FILE_DONE(0x43, false),
    RESTORE_REQUEST(0x50, false),
    RESTORE_OFFER(0x51, false),
    RESTORE_CHUNK(0x52, false),
    RESTORE_NONE(0x53, false);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final boolean sequenced;

    FrameType(int code, boolean sequenced) {
        this.code = code;
        this.sequenced = sequenced;
    }

    public int code() {
        return code;
    }

    /** True when the header's sequence number is a delivery number that the receiver acks. */
    public boolean sequenced() {
        return sequenced;
    }

    /** Total lookup: any int, an empty result for codes that are not ours. */
    public static Optional<FrameType> fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_CODE[code]);
    }
}
