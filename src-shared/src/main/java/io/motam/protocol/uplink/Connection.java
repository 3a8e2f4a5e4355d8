package io.motam.protocol.uplink;

import io.motam.link.Link;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.frame.ProtocolException;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.session.RecordRejectedException;
import io.motam.protocol.session.SessionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What both ends of an uplink connection share: the state, the handshake deadline, the
 * keepalive, the writer thread, and how a connection ends (a CLOSE with a reason where the peer
 * can still read it, one log line, everything released).
 */
abstract class Connection {
    /** After sending CLOSE, how long to keep reading (and dropping) before dropping the link. */
    static final Duration LINGER = Duration.ofMillis(500);
    /** How long a thread that closes waits for the writer to put the CLOSE on the wire. */
    static final Duration CLOSE_WRITE_WAIT = Duration.ofMillis(200);

    final Logger log = Logger.getLogger(getClass());
    final Link link;
    final UplinkSettings settings;
    final ScheduledExecutorService timers;
    private final String peerRole;
    private final Keepalive keepalive;
    private final InputStream input;
    private final ScheduledFuture<?> handshakeGuard;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile ConnectionState state = ConnectionState.TLS_HANDSHAKE;
    private volatile ConnectionState expiredIn;
    private volatile long deadAfterMillis = -1;
    private volatile boolean established;
    private volatile int version;
    private volatile Outgoing outgoing;
    private volatile FrameWriter earlyWriter;
    private volatile Close.Reason sent;
    private volatile Close.Reason received;
    private volatile Traffic traffic = Traffic.NONE;

    Connection(String peerRole, Link link, UplinkSettings settings, ScheduledExecutorService timers) {
        this.peerRole = peerRole;
        this.link = link;
        this.settings = settings;
        this.timers = timers;
        this.keepalive = new Keepalive(settings.keepalive(), timers);
        this.input = keepalive.watch(link.input());
        this.handshakeGuard = timers.schedule(
                this::handshakeExpired, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the connection to its end on the calling thread. */
    abstract ConnectionOutcome run();

    /** A keepalive probe. */
    abstract Message ping();

    /** The link's input, watched by the keepalive: the TLS layer reads from this. */
    final InputStream input() {
        return input;
    }

    final String peer() {
        return link.peerAddress();
    }

    final ConnectionState state() {
        return state;
    }

    final int version() {
        return version;
    }

    final void version(int v) {
        version = v;
    }

    final boolean established() {
        return established;
    }

    /** Guarded transition. */
    final synchronized void move(ConnectionState next, ConnectionState expected) {
        state = state.to(next, expected);
    }

    /** Reports frames read and written by the writer thread (set before {@link #run}). */
    final void traffic(Traffic t) {
        traffic = java.util.Objects.requireNonNull(t, "traffic");
    }

    final Traffic traffic() {
        return traffic;
    }

    /** Frames can be written by the reading thread until {@link #open}: used for a CLOSE before WELCOME. */
    final void earlyWriter(FrameWriter writer) {
        earlyWriter = writer;
    }

    final void sent(Close.Reason reason) {
        sent = reason;
    }

    final void received(Close.Reason reason) {
        received = reason;
    }

    private void handshakeExpired() {
        if (!established) {
            expiredIn = state;
            link.close();
        }
    }

    /** The handshake finished in time: cancel the deadline. */
    final void handshakeDone() throws HandshakeTimeoutException {
        handshakeGuard.cancel(false);
        if (expiredIn != null) {
            throw new HandshakeTimeoutException(settings.handshakeTimeout(), expiredIn);
        }
    }

    /**
     * WELCOME was exchanged: start the writer thread and the keepalive. {@code first}, if not
     * null, is written before anything else.
     */
    final synchronized void open(FrameWriter writer, Outgoing.Bulk bulk, ConnectionState expected, Message first) {
        earlyWriter(writer);
        state = state.to(ConnectionState.OPEN, expected);
        Outgoing o = new Outgoing("motam-link-tx-" + peerRole, writer, bulk, this::writeFailed, traffic);
        if (first != null) {
            o.control(first);
        }
        outgoing = o;
        established = true;
        o.start();
        keepalive.start(() -> control(ping()), this::dead);
    }

    /** Queues a control message for the writer; false if the connection is not open. */
    final boolean control(Message m) {
        Outgoing o = outgoing;
        return o != null && o.control(m);
    }

    final void wake() {
        Outgoing o = outgoing;
        if (o != null) {
            o.wake();
        }
    }

    /**
     * Ends the connection from another thread: CLOSE with {@code reason}, then the reading
     * thread drops what still arrives until the peer closes or {@link #LINGER} passes. Before
     * WELCOME the link is simply closed.
     */
    final void shutdown(Close.Reason reason) {
        Outgoing o;
        synchronized (this) {
            if (state == ConnectionState.CLOSING || state == ConnectionState.CLOSED || sent != null) {
                return;
            }
            sent = reason;
            o = outgoing;
            if (o == null) {
                link.close();
                return;
            }
            state = ConnectionState.CLOSING;
        }
        o.finish(reason, CLOSE_WRITE_WAIT);
        timers.schedule(link::close, LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void dead(long silentMillis) {
        deadAfterMillis = silentMillis;
        sent = Close.Reason.KEEPALIVE_TIMEOUT;
        Outgoing o = outgoing;
        if (o != null) {
            o.control(new Close(Close.Reason.KEEPALIVE_TIMEOUT)); // in case bytes still flow out
        }
        link.close();
    }

    private void writeFailed(IOException e) {
        if (state != ConnectionState.CLOSING) {
            log.debugf("%s %s: write failed: %s", peerRole, peer(), e.getMessage());
        }
        link.close();
    }

    /**
     * Ends {@link #run}: says CLOSE(PROTOCOL_ERROR) to a peer that sent bad input (when the
     * session can still carry it), logs one line, releases everything.
     */
    final ConnectionOutcome end(Exception failure) {
        Exception cause = failure;
        if (expiredIn != null && !established) {
            cause = new HandshakeTimeoutException(settings.handshakeTimeout(), expiredIn);
        } else if (deadAfterMillis >= 0) {
            cause = new KeepaliveTimeoutException(deadAfterMillis, settings.keepalive());
        }
        if (cause instanceof ProtocolException
                && !(cause instanceof RecordRejectedException)
                && !(cause instanceof HandshakeTimeoutException)
                && !(cause instanceof KeepaliveTimeoutException)
                && sent == null
                && received == null) {
            closeAndLinger(Close.Reason.PROTOCOL_ERROR);
        } else if (sent != null && deadAfterMillis < 0 && state == ConnectionState.CLOSING) {
            drain();
        }
        ConnectionOutcome outcome = new ConnectionOutcome(
                established,
                Optional.ofNullable(sent),
                Optional.ofNullable(received),
                Optional.ofNullable(cause == null || isQuietEnd(cause) ? null : cause));
        report(cause, outcome);
        handshakeGuard.cancel(false);
        keepalive.close();
        Outgoing o = outgoing;
        if (o != null) {
            o.stop();
        }
        link.close();
        state = ConnectionState.CLOSED;
        ended.countDown();
        return outcome;
    }

    /** A link error after we decided to close is just the close itself. */
    private boolean isQuietEnd(Exception cause) {
        return (sent != null || received != null) && !(cause instanceof ProtocolException);
    }

    private void closeAndLinger(Close.Reason reason) {
        sent = reason;
        state = ConnectionState.CLOSING;
        Outgoing o = outgoing;
        FrameWriter early = earlyWriter;
        if (o != null) {
            o.finish(reason, CLOSE_WRITE_WAIT);
        } else if (early != null) {
            try {
                early.write(MessageCodec.toFrame(new Close(reason), 0));
            } catch (IOException e) {
                return;
            }
        } else {
            return;
        }
        drain();
    }

    /** Reads and drops raw bytes until the peer closes or the linger passes. */
    private void drain() {
        ScheduledFuture<?> cut = timers.schedule(link::close, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        byte[] sink = new byte[8192];
        try {
            while (input.read(sink) >= 0) {
                // dropped: the session is ending
            }
        } catch (IOException e) {
            // closed by the linger or the peer
        } finally {
            cut.cancel(false);
        }
    }

    private void report(Exception cause, ConnectionOutcome outcome) {
        String who = peerRole + " " + peer();
        if (cause == null || isQuietEnd(cause)) {
            log.infof("link with %s ended %s", who, outcome.describe());
        } else if (cause instanceof ProtocolException) {
            log.warnf("link with %s ended %s", who, outcome.describe());
        } else if (cause instanceof SessionException || cause instanceof EOFException) {
            log.infof("link with %s ended %s", who, outcome.describe());
        } else if (cause instanceof IOException) {
            log.infof("link with %s ended %s", who, outcome.describe());
        } else {
            log.errorf(cause, "link with %s failed %s", who, outcome.describe());
        }
    }

    /** Waits until {@link #run} has returned. */
    final boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
