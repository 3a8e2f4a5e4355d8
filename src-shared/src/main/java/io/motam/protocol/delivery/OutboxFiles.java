package io.motam.protocol.delivery;

import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.frame.ProtocolException;
import io.motam.storage.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * (text), replaced atomically. Reads them back at open, cutting a torn or corrupt last frame.
 *
 * <p>Not thread-safe: the outbox calls it with its file lock held.
 */
final class OutboxFiles implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxFiles.class);

    private final Path framesFile;
    private final Path ackedFile;
    private FileChannel channel;
    /** The number the ack file holds. */
    private long durableAcked;

    /** What the files held at open: the acknowledged number and every intact frame, in file order. */
    record Contents(long acked, List<Frame> frames) {
    }

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
        channel = FileChannel.open(framesFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        List<Frame> frames = new ArrayList<>();
        long good = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(framesFile))) {
            FrameReader reader = new FrameReader(in, FrameFormat.MAX_PAYLOAD_CEILING);
            while (true) {
                Optional<Frame> f;
                try {
                    f = reader.read();
                } catch (ProtocolException e) {
                    LOG.warnf("outbox %s: cut a torn or corrupt tail after %d bytes (%s)", framesFile, good, e.getMessage());
                    break;
                }
                if (f.isEmpty()) {
                    break;
                }
                good += f.get().wireLength();
                frames.add(f.get());
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (good < channel.size()) {
            channel.truncate(good);
            channel.force(true);
        }
        channel.position(good);
        return new Contents(durableAcked, frames);
    }

    /** Appends one frame and fsyncs it. */
    void append(Frame frame) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(FrameWriter.encode(frame));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
    }

    /** Empties the frame file (its frames are all acknowledged, as {@link #writeAcked} recorded first). */
    void truncateFrames() throws IOException {
        channel.truncate(0);
        channel.position(0);
    }

    /** Replaces the frame file with {@code frames} (temporary file, fsync, rename). */
    void replaceFrames(List<Frame> frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Frame f : frames) {
            bytes.write(FrameWriter.encode(f));
        }
        channel.close();
        AtomicFiles.write(framesFile, bytes.toByteArray(), false);
        channel = FileChannel.open(framesFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
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
        channel.close();
    }
}
