package io.motam.protocol.frame;

/**
 * Constants of the frame layout (docs/protocol.md, "Frames").
 *
 * <pre>
 *  0         1         2                              10                  14
 *  +---------+---------+------------------------------+-------------------+-----------------+
 *  | version |  type   |  sequence (u64, big endian)  | length (u32, BE)  | payload[length] |
 *  +---------+---------+------------------------------+-------------------+-----------------+
 * </pre>
 */
public final class FrameFormat {
    /** The only frame layout version this build speaks. */
    public static final int VERSION = 1;

    public static final int VERSION_LENGTH = 1;
    public static final int TYPE_LENGTH = 1;
    public static final int SEQUENCE_LENGTH = Long.BYTES;
    public static final int LENGTH_FIELD_LENGTH = Integer.BYTES;
    public static final int HEADER_LENGTH = VERSION_LENGTH + TYPE_LENGTH + SEQUENCE_LENGTH + LENGTH_FIELD_LENGTH;
    /** Hard ceiling for any payload, whatever a configuration says: 1 MiB. */
    public static final int MAX_PAYLOAD_CEILING = 1 << 20;
    /** Default payload limit: room for a 64 KiB file chunk plus its header. */
    public static final int DEFAULT_MAX_PAYLOAD = 64 * 1024 + 256;

    private FrameFormat() {}
}
