package io.motam.domain;

/** Whether the whole system runs, as decided by the gateway. */
public enum SystemState {
    /** The camera watches and reports. */
    RUNNING,
    /** Stopped by an operator; the camera idles until resumed. */
    STOPPED,
    /** Too many unknown sightings; only an authorised release ends it. */
    BLOCKED
}
