package io.motam.camera.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.vision.Footage;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.camera.vision.source.FrameSource;
import io.motam.camera.vision.source.FrameSources;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingQr;
import io.motam.testing.Required;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's real pairing QR (a real offer written by {@link PairingQr#writePng}), composed by
 * ffmpeg over real footage, scaled and rotated, in a 640x480 h264 video made at test time; the
 * camera's frame scanner must find the very offer, only in the frames that show it.
 */
class FramePairingFootageTest {
    private static final Logger LOG = Logger.getLogger(FramePairingFootageTest.class);

    @TempDir
    Path dir;

    private Path video(PairingOffer offer, double angleDegrees, int size) throws Exception {
        Path png = dir.resolve("offer.png");
        PairingQr.writePng(offer, png);
        Path out = dir.resolve("qr-" + (int) angleDegrees + ".mp4");
        String angle = angleDegrees + "*PI/180";
        String filter = "[0:v]scale=640:480,format=yuv420p[bg];"
                + "[1:v]format=rgba,scale=" + size + ":-1,rotate=" + angle + ":c=white:ow=rotw(" + angle
                + "):oh=roth(" + angle + ")[q];"
                + "[bg][q]overlay=340:60:enable='between(t,2,3.5)'";
        Path ffmpeg = Required.command("ffmpeg", "ffmpeg");
        Process p = new ProcessBuilder(
                        ffmpeg.toString(),
                        "-v",
                        "error",
                        "-y",
                        "-i",
                        Footage.file(Footage.FRANCK).toString(),
                        "-i",
                        png.toString(),
                        "-t",
                        "5",
                        "-filter_complex",
                        filter,
                        "-c:v",
                        "libx264",
                        "-pix_fmt",
                        "yuv420p",
                        "-crf",
                        "20",
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg timed out");
        assertEquals(0, p.exitValue(), "ffmpeg failed: " + log);
        return out;
    }

    private record Seen(long firstMicros, int scans, List<PairingOffer> offers) {}

    private Seen scan(Path video, OfferInbox inbox) throws Exception {
        AtomicBoolean paired = new AtomicBoolean();
        FramePairing pairing =
                new FramePairing(new QrFrameScanner(250_000, QrFrameScanner.DEFAULT_MAX_WIDTH), inbox, paired::get);
        List<PairingOffer> offers = new ArrayList<>();
        long first = -1;
        try (FrameSource source = FrameSources.open(video.toString())) {
            for (Optional<CapturedFrame> f = source.next(); f.isPresent(); f = source.next()) {
                try (CapturedFrame frame = f.get()) {
                    int before = pairing.offersFound();
                    assertTrue(pairing.offer(frame), "not paired yet");
                    if (pairing.offersFound() > before) {
                        if (first < 0) {
                            first = frame.timestampMicros();
                        }
                        inbox.latest().ifPresent(offers::add);
                    }
                }
            }
        }
        return new Seen(first, pairing.scans(), offers);
    }

    @Test
    void qrShownRotatedAndScaledInSomeFrames_isFoundThere_andHandedToTheInbox() throws Exception {
        PairingOffer offer = OfferInboxTest.offer(Clock.systemUTC(), "gw-qr");
        OfferInbox inbox = new OfferInbox();
        Seen seen = scan(video(offer, 17, 260), inbox);
        LOG.infof(
                "QR found in %d of %d scanned frames, first at %.2f s",
                seen.offers().size(), seen.scans(), seen.firstMicros() / 1e6);
        assertEquals(Optional.of(offer), inbox.latest());
        assertTrue(seen.offers().stream().allMatch(offer::equals));
        assertTrue(
                seen.firstMicros() >= 1_900_000 && seen.firstMicros() <= 3_500_000, "found at " + seen.firstMicros());
        assertTrue(seen.offers().size() >= 3, "found in " + seen.offers().size() + " scans");
        assertTrue(seen.scans() <= 5 * 4 + 1, "at most one scan per 250 ms: " + seen.scans());
    }

    @Test
    void qrUpsideDownAndSmaller_isStillFound() throws Exception {
        PairingOffer offer = OfferInboxTest.offer(Clock.systemUTC(), "gw-qr2");
        OfferInbox inbox = new OfferInbox();
        scan(video(offer, 185, 200), inbox);
        assertEquals(Optional.of(offer), inbox.latest());
    }

    @Test
    void footageWithoutQr_findsNothing_andPairingEndsTheScan() throws Exception {
        OfferInbox inbox = new OfferInbox();
        AtomicBoolean paired = new AtomicBoolean();
        FramePairing pairing = new FramePairing(new QrFrameScanner(0, 640), inbox, paired::get);
        try (FrameSource source =
                FrameSources.open(Footage.file(Footage.STRANGER_B).toString())) {
            for (int i = 0; i < 20; i++) {
                try (CapturedFrame frame = source.next().orElseThrow()) {
                    assertTrue(pairing.offer(frame));
                }
            }
            paired.set(true);
            try (CapturedFrame frame = source.next().orElseThrow()) {
                assertFalse(pairing.offer(frame), "paired: the scan phase ends");
            }
        }
        assertEquals(Optional.empty(), inbox.latest());
        assertEquals(20, pairing.scans());
    }
}
