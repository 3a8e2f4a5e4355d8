package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;

/**
 * Every application message of the MOTAM link. Messages are immutable values; the delivery
 * sequence number of an {@link Event} is transport state and travels in the frame header.
 */
public sealed interface Message
        permits Hello,
                Welcome,
                PairProof,
                Event,
                Ack,
                Command,
                Ping,
                Pong,
                Close,
                FileOffer,
                FileChunk,
                FileAck,
                FileDone,
                RestoreRequest,
                RestoreOffer,
                RestoreChunk,
                RestoreNone {

    /** The frame type that carries this message. */
    FrameType frameType();
}
