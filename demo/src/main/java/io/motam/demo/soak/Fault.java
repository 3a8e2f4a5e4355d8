package io.motam.demo.soak;

/** The faults the soak injects, chosen at random with equal chances. */
enum Fault {
    /** Both sockets of the relayed camera–gateway connection closed at once. */
    LINK_CUT("link cut"),
    /** The gateway process ended with SIGKILL, then started again on the same data. */
    GATEWAY_KILL("gateway kill -9"),
    /** The camera process ended with SIGKILL, then started again on the same data. */
    CAMERA_KILL("camera kill -9"),
    /** mosquitto stopped and started again on the same port. */
    BROKER_RESTART("broker restart");

    final String label;

    Fault(String label) {
        this.label = label;
    }
}
