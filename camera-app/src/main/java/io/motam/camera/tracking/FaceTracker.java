package io.motam.camera.tracking;

import io.motam.camera.vision.detect.FaceBox;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Gives faces stable ids across frames.
 *
 * <p>Each {@link #update} associates the frame's faces with the live tracks greedily: first the
 * pairs with the highest box overlap (IoU >= {@code minIou}), then, for what is left, the nearest
 * centres within {@code maxShift} box widths (a face that moved fast between two sampled
 * frames). A face left over starts a new track; a track not seen for {@code maxMissedMicros}
 * ends. When the frame size changes (a new source) every track ends. Not thread-safe.
 */
public final class FaceTracker {

    /** The result of one frame. */
    public record Update(List<FaceTrack> visible, List<FaceTrack> started, List<FaceTrack> ended) {
        public Update {
            visible = List.copyOf(visible);
            started = List.copyOf(started);
            ended = List.copyOf(ended);
        }
    }

    private final TrackerSettings settings;
    private final List<FaceTrack> live = new ArrayList<>();
    private long nextId = 1;
    private int frameWidth = -1;
    private int frameHeight = -1;

    public FaceTracker(TrackerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Feeds one frame's faces.
     *
     * @return {@code visible}: the track of each face, in the order of {@code faces};
     *         {@code started}: tracks new in this frame; {@code ended}: tracks that ended now
     */
    public Update update(List<FaceBox> faces, long atMicros, int width, int height) {
        List<FaceTrack> ended = new ArrayList<>();
        if (width != frameWidth || height != frameHeight) {
            ended.addAll(live);
            live.clear();
            frameWidth = width;
            frameHeight = height;
        }
        FaceTrack[] assigned = new FaceTrack[faces.size()];
        List<FaceTrack> free = new ArrayList<>(live);
        associate(faces, assigned, free, true);
        associate(faces, assigned, free, false);
        List<FaceTrack> started = new ArrayList<>();
        for (int i = 0; i < assigned.length; i++) {
            if (assigned[i] == null) {
                FaceTrack t = new FaceTrack(nextId++, faces.get(i), atMicros);
                assigned[i] = t;
                live.add(t);
                started.add(t);
            } else {
                assigned[i].seen(faces.get(i), atMicros);
            }
        }
        for (Iterator<FaceTrack> it = live.iterator(); it.hasNext(); ) {
            FaceTrack t = it.next();
            if (atMicros - t.lastSeenMicros() > settings.maxMissedMicros()) {
                it.remove();
                ended.add(t);
            }
        }
        return new Update(List.of(assigned), started, ended);
    }

    /** Tracks alive now (seen within {@code maxMissedMicros}). */
    public List<FaceTrack> live() {
        return List.copyOf(live);
    }

    /** Ends every track (e.g. after a pause); ids keep counting up. */
    public void reset() {
        live.clear();
    }

    private void associate(List<FaceBox> faces, FaceTrack[] assigned, List<FaceTrack> free, boolean byOverlap) {
        while (!free.isEmpty()) {
            double best = byOverlap ? settings.minIou() : Double.MAX_VALUE;
            int bestFace = -1;
            FaceTrack bestTrack = null;
            for (int i = 0; i < faces.size(); i++) {
                if (assigned[i] != null) {
                    continue;
                }
                FaceBox f = faces.get(i);
                for (FaceTrack t : free) {
                    if (byOverlap) {
                        double iou = f.iou(t.box());
                        if (iou >= best && (bestTrack == null || iou > best)) {
                            best = iou;
                            bestFace = i;
                            bestTrack = t;
                        }
                    } else {
                        double shift = Math.hypot(
                                f.centreX() - t.box().centreX(),
                                f.centreY() - t.box().centreY());
                        double limit = settings.maxShift()
                                * Math.max(f.width(), t.box().width());
                        if (shift <= limit && shift < best) {
                            best = shift;
                            bestFace = i;
                            bestTrack = t;
                        }
                    }
                }
            }
            if (bestTrack == null) {
                return;
            }
            assigned[bestFace] = bestTrack;
            free.remove(bestTrack);
        }
    }
}
