package io.motam.gateway.journal;

import io.motam.gateway.storage.LineScan;
import io.motam.storage.AppendOnlyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Brings a journal directory back to a consistent state when the journal opens: finds the
 * segments (the legacy single file becomes the first one, an empty directory gets one), replays
 * the entries {@code sequences.json} does not cover into the {@link CameraSequences}, and cuts a
 * torn or corrupt tail off the active segment. Runs once, before the journal is shared.
 */
final class JournalRecovery {
    private static final Logger LOG = Logger.getLogger(JournalRecovery.class);
    /** The single file of journals written before segments existed; becomes the first segment. */
    static final String LEGACY_FILE = "events.jsonl";

    private final EventJournal journal;
    private final Path dir;
    private final CameraSequences sequences;
    private final List<Segment> segments = new ArrayList<>();
    private AppendOnlyFile active;
    private long lastIndex;

    /**
     * What recovery found.
     *
     * @param segments  the segments, oldest first; the last one is active, the others are sealed
     * @param active    the active segment, open for appending after its last whole line
     * @param lastIndex index of the last entry on disk
     */
    record Result(List<Segment> segments, AppendOnlyFile active, long lastIndex) {
    }

    JournalRecovery(EventJournal journal, CameraSequences sequences) {
        this.journal = journal;
        this.dir = journal.directory();
        this.sequences = sequences;
    }

    /** Finds, replays and repairs the segments; the caller owns the returned active channel. */
    Result run() throws IOException {
        List<Segment> found = listSegments();
        Path legacy = dir.resolve(LEGACY_FILE);
        if (found.isEmpty() && Files.exists(legacy)) {
            Segment first = Segment.in(dir, 1);
            Files.move(legacy, first.file);
            LOG.infof("journal %s: %s became the first segment %s", dir, LEGACY_FILE, first);
            found = List.of(first);
        }
        if (found.isEmpty()) {
            Segment first = Segment.in(dir, 1);
            Files.createFile(first.file);
            found = List.of(first);
        }
        segments.addAll(found);
        sequences.load();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (!last) {
                s.sealedSize = Files.size(s.file);
                long lastOfSegment = segments.get(i + 1).first - 1;
                if (lastOfSegment > sequences.recordedThrough()) {
                    replaySealed(s);
                }
                lastIndex = Math.max(lastIndex, lastOfSegment);
            } else {
                lastIndex = Math.max(lastIndex, s.first - 1);
                replayActive(s);
            }
        }
        return new Result(segments, active, lastIndex);
    }

    private List<Segment> listSegments() throws IOException {
        List<Segment> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> Segment.firstIndexOf(f.getFileName().toString())
                    .ifPresent(first -> out.add(new Segment(first, f))));
        }
        out.sort((a, b) -> Long.compare(a.first, b.first));
        return out;
    }

    private void replaySealed(Segment s) throws IOException {
        byte[] all = Files.readAllBytes(s.file);
        int lineStart = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                Optional<JournalEntry> e = journal.parse(all, lineStart, i - lineStart);
                if (e.isPresent()) {
                    remember(e.get());
                } else {
                    LOG.errorf("journal %s: unreadable line at byte %d of sealed segment %s skipped", dir, lineStart, s);
                }
                lineStart = i + 1;
            }
        }
    }

    /**
     * Replays the active segment and cuts what follows its last readable line: a line torn by a
     * crash mid-write (or unreadable lines at the very end). An unreadable line with readable ones
     * after it is damage, not a torn write: it is skipped, as in a sealed segment, and the entries
     * after it stay (they were fsync'd and may have been acknowledged; their indexes stay taken).
     */
    private void replayActive(Segment s) throws IOException {
        byte[] all = Files.readAllBytes(s.file);
        long goodLength = LineScan.scan(all, journal::parse, this::remember, at -> LOG.errorf(
                "journal %s: unreadable line at byte %d of active segment %s skipped", dir, at, s));
        if (goodLength < all.length) {
            LOG.warnf("journal %s: cut %d bytes of a torn or corrupt tail after entry %d", dir, all.length - goodLength,
                    lastIndex);
        }
        active = AppendOnlyFile.open(s.file, goodLength);
    }

    private void remember(JournalEntry e) {
        lastIndex = Math.max(lastIndex, e.index());
        sequences.remember(e.cameraId(), e.cameraSeq());
    }
}
