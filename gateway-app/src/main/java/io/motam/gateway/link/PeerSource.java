package io.motam.gateway.link;

/**
 * The source a link is counted and throttled by before it is authenticated: for a TCP peer
 * ({@code tcp:<ip>:<port>}) its IP address, {@code tcp:<ip>}, whatever port it comes from; for a
 * Bluetooth peer ({@code bt:<device address>}) the device. Keys cost a peer nothing to make, so
 * they are no source.
 */
final class PeerSource {
    private static final String TCP = "tcp:";

    private PeerSource() {}

    static String of(String peerAddress) {
        if (peerAddress == null || peerAddress.isBlank()) {
            return "unknown";
        }
        if (peerAddress.startsWith(TCP)) {
            int port = peerAddress.lastIndexOf(':');
            return port > TCP.length() ? peerAddress.substring(0, port) : peerAddress;
        }
        return peerAddress;
    }
}
