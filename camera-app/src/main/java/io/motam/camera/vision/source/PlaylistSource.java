package io.motam.camera.vision.source;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Plays several sources in order, as one stream with non-decreasing timestamps.
 *
 * <p>Each source's timestamps are shifted by an offset: 0 for the first, and for every next
 * source the last timestamp handed out plus one frame interval of the source that just ended.
 * The first source is opened at once (so a broken start fails early); the others when reached,
 * and only one is open at a time. If a later source fails to open, {@link #next()} throws; a
 * caller that goes on calling {@code next()} continues with the source after it.
 */
public final class PlaylistSource implements FrameSource {

    private static final Logger LOG = Logger.getLogger(PlaylistSource.class);

    private final List<FrameSourceSpec> items;
    private final FrameSourceSettings options;
    private final String name;
    private FrameSource current;
    private int nextItem;
    private long offsetMicros;
    private long lastTimestamp = -1;
    private boolean currentEmitted;
    private long frameIntervalMicros;
    private boolean closed;

    private PlaylistSource(List<FrameSourceSpec> items, FrameSourceSettings options, FrameSource first) {
        this.items = items;
        this.options = options;
        this.current = first;
        this.nextItem = 1;
        this.frameIntervalMicros = first.frameIntervalMicros();
        this.name = "playlist[" + items.stream().map(FrameSourceSpec::describe).collect(Collectors.joining(",")) + "]";
    }

    /**
     * Opens the first item and prepares the others.
     *
     * @param items single sources (no nested playlists), at least one
     */
    public static PlaylistSource open(List<FrameSourceSpec> items, FrameSourceSettings options)
            throws FrameSourceException {
        List<FrameSourceSpec> copy = List.copyOf(items);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("expected at least one playlist item but was none");
        }
        FrameSource first = copy.get(0).open(options);
        LOG.infof("Playlist of %d sources, starting with %s", copy.size(), first.name());
        return new PlaylistSource(copy, options, first);
    }

    @Override
    public Optional<CapturedFrame> next() throws FrameSourceException {
        if (closed) {
            throw new IllegalStateException("expected an open source but " + name + " is closed");
        }
        while (true) {
            if (current == null) {
                if (nextItem >= items.size()) {
                    return Optional.empty();
                }
                FrameSourceSpec spec = items.get(nextItem++);
                current = spec.open(options);
                currentEmitted = false;
                frameIntervalMicros = current.frameIntervalMicros();
            }
            Optional<CapturedFrame> frame = current.next();
            if (frame.isEmpty()) {
                finishCurrent();
                continue;
            }
            CapturedFrame inner = frame.get();
            long timestamp = Math.max(offsetMicros + inner.timestampMicros(), Math.max(lastTimestamp, 0));
            lastTimestamp = timestamp;
            currentEmitted = true;
            return Optional.of(new CapturedFrame(inner.bgr(), timestamp, inner.origin()));
        }
    }

    private void finishCurrent() {
        if (currentEmitted) {
            offsetMicros = lastTimestamp + current.frameIntervalMicros();
        }
        LOG.debugf("Playlist source %s ended; next offset %d µs", current.name(), offsetMicros);
        current.close();
        current = null;
    }

    @Override
    public long frameIntervalMicros() {
        return frameIntervalMicros;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
