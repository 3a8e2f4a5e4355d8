package io.motam.protocol.uplink;

import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The one thread that writes to a connection. Small control messages (acks, pongs, pings,
 * commands, file acks, CLOSE) are queued by any thread without blocking and go first; between
 * them the {@link Bulk} source (the camera's events and file chunks) writes one item at a time.
 * Frames are flushed only when there is nothing more to write, so bursts share TLS records.
 *
 * <p>If the peer stops reading, only this thread blocks; the keepalive closes the link,
 * which wakes it with an exception.
 */
final class Outgoing {
    private static final Logger LOG = Logger.getLogger(Outgoing.class);
    /** Control messages waiting at most; more means the peer does not read and the link is closed. */
    static final int CONTROL_CAPACITY = 4096;

    /** Bulk data to send when no control message waits. */
    interface Bulk {
        /** Writes one item without flushing; false when there is nothing to write now. */
        boolean writeNext(FrameWriter writer) throws IOException;
    }

    private final FrameWriter writer;
    private final Bulk bulk;
    private final Consumer<IOException> onFailure;
    private final BlockingQueue<Message> control = new ArrayBlockingQueue<>(CONTROL_CAPACITY);
    private final Doorbell bell = new Doorbell();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean closeWritten;

    private final Traffic traffic;

    Outgoing(String name, FrameWriter writer, Bulk bulk, Consumer<IOException> onFailure, Traffic traffic) {
        this.traffic = traffic;
        this.writer = writer;
        this.bulk = bulk;
        this.onFailure = onFailure;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a control message; false if the writer has stopped or the queue is full. */
    boolean control(Message m) {
        if (!running || !control.offer(m)) {
            return false;
        }
        bell.ring();
        return true;
    }

    void wake() {
        bell.ring();
    }

    /**
     * Queues CLOSE after whatever control messages wait, stops taking bulk data, and waits up to
     * {@code wait} for it to be written and flushed. Returns whether it was.
     */
    boolean finish(Close.Reason reason, Duration wait) {
        if (!control(new Close(reason))) {
            return false;
        }
        try {
            ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return closeWritten;
    }

    /** Stops without a CLOSE. */
    void stop() {
        running = false;
        bell.ring();
    }

    private void loop() {
        boolean dirty = false;
        try {
            while (running) {
                Message m;
                while ((m = control.poll()) != null) {
                    io.motam.protocol.frame.Frame f = MessageCodec.toFrame(m, 0);
                    writer.write(f, false);
                    traffic.sent(f.type(), f.wireLength());
                    dirty = true;
                    if (m instanceof Close) {
                        writer.flush();
                        closeWritten = true;
                        return;
                    }
                }
                if (bulk != null && bulk.writeNext(writer)) {
                    dirty = true;
                    continue;
                }
                if (dirty) {
                    writer.flush();
                    dirty = false;
                }
                if (control.isEmpty()) {
                    bell.await(1000);
                }
            }
        } catch (IOException e) {
            if (running) {
                onFailure.accept(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "link writer %s failed", thread.getName());
            onFailure.accept(new IOException(e));
        } finally {
            running = false;
            ended.countDown();
        }
    }
}
