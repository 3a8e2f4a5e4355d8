package io.motam.protocol.uplink;

import io.motam.protocol.frame.FrameType;

/** Told about every frame a connection reads or writes (e.g. for metrics); must be cheap and never block. */
public interface Traffic {
    /** Counts nothing. */
    Traffic NONE = new Traffic() {
        @Override
        public void received(FrameType type, int wireBytes) {}

        @Override
        public void sent(FrameType type, int wireBytes) {}
    };

    /** A frame arrived: its type and its length with the 14-byte header. */
    void received(FrameType type, int wireBytes);

    /** A frame was written. */
    void sent(FrameType type, int wireBytes);
}
