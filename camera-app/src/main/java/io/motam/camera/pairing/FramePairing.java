package io.motam.camera.pairing;

import io.motam.camera.vision.source.CapturedFrame;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The camera's first phase while it has no gateway: scan frames for the gateway's pairing QR
 * code and hand every offer found to the {@link OfferInbox}, until the uplink has paired (the
 * gateway pin exists). Enrolment starts only then. Not thread-safe.
 */
public final class FramePairing {
    private final QrFrameScanner scanner;
    private final OfferInbox inbox;
    private final BooleanSupplier paired;
    private int offersFound;

    public FramePairing(QrFrameScanner scanner, OfferInbox inbox, BooleanSupplier paired) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.paired = Objects.requireNonNull(paired, "paired");
    }

    /**
     * Looks at one frame.
     *
     * @return true while the camera is still not paired
     */
    public boolean offer(CapturedFrame frame) {
        if (paired.getAsBoolean()) {
            return false;
        }
        scanner.scan(frame.bgr(), frame.timestampMicros()).ifPresent(o -> {
            offersFound++;
            inbox.offer(o);
        });
        return !paired.getAsBoolean();
    }

    /** Frames in which an offer was found. */
    public int offersFound() {
        return offersFound;
    }

    /** Frames decoded. */
    public int scans() {
        return scanner.scans();
    }
}
