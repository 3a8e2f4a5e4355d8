package io.motam.protocol.delivery;

import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameDecoder;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.frame.ProtocolException;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.MessageCodec;
import io.motam.storage.AppendOnlyFile;
import io.motam.storage.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The two files of an {@link Outbox}: {@code outbox.frames}, the frames exactly as sent on the
 * link, appended with an fsync each; and {@code outbox.acked}, an acknowledged sequence number
 * (text), replaced atomically. Reads them back at open: a torn last frame (a crash mid-append) is
 * cut; damaged bytes with whole events after them are skipped and the file rewritten without them.
 * Frames are appended through an {@link AppendOnlyFile}: a write that fails part-way (disk full)
 * is cut back, so the file never holds half a frame, and a failed fsync stops the process.
 *
 * <p>Not thread-safe: the outbox calls it with its file lock held.
 */
final class OutboxFiles implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxFiles.class);

    private final Path framesFile;
    private final Path ackedFile;
    private AppendOnlyFile channel;
    /** The number the ack file holds. */
    private long durableAcked;

    /** What the files held at open: the acknowledged number and every intact frame, in file order. */
    record Contents(long acked, List<Frame> frames) {}

    OutboxFiles(Path dir) {
        this.framesFile = dir.resolve(Outbox.FRAMES_FILE);
        this.ackedFile = dir.resolve(Outbox.ACKED_FILE);
    }

    /**
     * Opens (or creates) the files and reads what they hold, once, before any other call. Appends
     * then go after the last intact frame.
     */
    Contents open() throws IOException {
        Files.createDirectories(framesFile.getParent());
        if (Files.exists(ackedFile)) {
            String s = Files.readString(ackedFile, StandardCharsets.US_ASCII).trim();
            try {
                durableAcked = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IOException("outbox ack file " + ackedFile + " is corrupt: '" + s + "'");
            }
        }
        Scan scan;
        long size;
        try (FileChannel read = FileChannel.open(
                framesFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            size = read.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("outbox frame file " + framesFile + " is " + size + " bytes, over 2 GiB");
            }
            scan = size == 0 ? new Scan(List.of(), 0, false) : scan(read.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
        if (scan.damaged()) {
            replaceFrames(scan.frames()); // without the damaged bytes, so the next open finds none
        } else {
            if (scan.good() < size) {
                LOG.warnf("outbox %s: cut a torn last frame of %d bytes", framesFile, size - scan.good());
            }
            channel = AppendOnlyFile.open(framesFile, scan.good());
        }
        return new Contents(durableAcked, scan.frames());
    }

    /**
     * The frames of a frame file: the events, and where the last one ends.
     *
     * @param damaged whether damaged bytes were skipped (not only a torn tail cut)
     */
    private record Scan(List<Frame> frames, int good, boolean damaged) {}

    /**
     * Reads every whole EVENT frame that decodes, numbered above the one before. Bytes that are
     * not such a frame, with one after them, are damage (a bad sector, not a crash): they are
     * skipped, the event they held is lost and said so, and the events after them are kept.
     * Bytes with no whole event after them are the torn tail of a crash mid-append.
     */
    private Scan scan(ByteBuffer file) {
        FrameDecoder decoder = new FrameDecoder(FrameFormat.MAX_PAYLOAD_CEILING);
        List<Frame> frames = new ArrayList<>();
        long last = 0;
        int pos = 0;
        int good = 0;
        boolean damaged = false;
        while (pos < file.limit()) {
            Optional<Frame> f = eventAt(decoder, file, pos, last);
            if (f.isPresent()) {
                frames.add(f.get());
                last = f.get().sequence();
                pos += f.get().wireLength();
                good = pos;
                continue;
            }
            int resume = nextEventAt(decoder, file, pos + 1, last);
            if (resume < 0) {
                break;
            }
            long nextKept = eventAt(decoder, file, resume, last).orElseThrow().sequence();
            if (nextKept - 1 <= durableAcked) {
                LOG.warnf(
                        "outbox %s: skipped %d damaged byte(s) at byte %d; the events they held were acknowledged",
                        framesFile, resume - pos, pos);
            } else {
                LOG.errorf(
                        "outbox %s: skipped %d damaged byte(s) at byte %d: events %d..%d are lost",
                        framesFile, resume - pos, pos, Math.max(last, durableAcked) + 1, nextKept - 1);
            }
            damaged = true;
            pos = resume;
        }
        return new Scan(frames, good, damaged);
    }

    /** The frame at {@code pos} if it is a whole EVENT numbered above {@code last} whose payload decodes. */
    private static Optional<Frame> eventAt(FrameDecoder decoder, ByteBuffer file, int pos, long last) {
        try {
            Optional<Frame> f = decoder.decode(file.duplicate().position(pos));
            if (f.isEmpty() || f.get().type() != FrameType.EVENT || f.get().sequence() <= last) {
                return Optional.empty();
            }
            return MessageCodec.decode(f.get()) instanceof Event ? f : Optional.empty();
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }

    /** Where the next whole, decodable EVENT numbered above {@code last} starts, from {@code from}; -1 if none. */
    private static int nextEventAt(FrameDecoder decoder, ByteBuffer file, int from, long last) {
        for (int p = from; p + FrameFormat.HEADER_LENGTH <= file.limit(); p++) {
            if (file.get(p) == FrameFormat.VERSION
                    && (file.get(p + 1) & 0xFF) == FrameType.EVENT.code()
                    && eventAt(decoder, file, p, last).isPresent()) {
                return p;
            }
        }
        return -1;
    }

    /** Appends one frame and fsyncs it; when that fails the file ends after the frame before. */
    void append(Frame frame) throws IOException {
        channel.append(FrameWriter.encode(frame));
    }

    /** Empties the frame file (its frames are all acknowledged, as {@link #writeAcked} recorded first). */
    void truncateFrames() throws IOException {
        channel.truncate(0);
    }

    /** Replaces the frame file with {@code frames} (temporary file, fsync, rename). */
    void replaceFrames(List<Frame> frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Frame f : frames) {
            bytes.write(FrameWriter.encode(f));
        }
        if (channel != null) {
            channel.close();
        }
        AtomicFiles.write(framesFile, bytes.toByteArray(), false);
        channel = AppendOnlyFile.openAtEnd(framesFile);
    }

    /** Records {@code acked} in the ack file unless it already holds it. */
    void writeAcked(long acked) throws IOException {
        if (acked != durableAcked) {
            AtomicFiles.write(ackedFile, Long.toString(acked).getBytes(StandardCharsets.US_ASCII), false);
            durableAcked = acked;
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
