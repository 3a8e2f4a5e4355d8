package io.motam.camera.pipeline;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the camera's cycle stands in {@link Pipeline}. It only moves forward, one step at a time:
 * {@code PAIRING -> ENROLLING -> WATCHING}; {@code PAIRING} is skipped when a gateway is already
 * paired or {@code motam.camera.qr-scan} is off.
 */
public enum PipelinePhase {
    /** No gateway paired yet: frames are scanned for its pairing QR code. */
    PAIRING,
    /** Samples of the subject in front of the camera are collected (the camera mode is ENROLLING). */
    ENROLLING,
    /** Tracking, presence, checks and snapshots ({@link Watch}). */
    WATCHING;

    /** The phase that follows this one; empty after {@code WATCHING}. */
    public Optional<PipelinePhase> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    /** The name operators read ({@code pairing}, {@code enrolling}, {@code watching}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
