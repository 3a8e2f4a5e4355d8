package io.motam.systemd;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Tells systemd about the service's life over its notify protocol ({@code sd_notify(3)}): one
 * Unix datagram per message, {@code KEY=value} lines, sent to the socket named by
 * {@code $NOTIFY_SOCKET} (a file path, or an abstract socket name when it starts with {@code @}).
 * Used by units with {@code Type=notify} ({@code READY=1}, {@code STOPPING=1}, {@code STATUS=…})
 * and {@code WatchdogSec=} ({@code WATCHDOG=1}, expected at least every {@code $WATCHDOG_USEC}).
 *
 * <p>Without {@code $NOTIFY_SOCKET} (started by hand, in tests, under {@code Type=simple}) the
 * notifier is {@linkplain #disabled() disabled} and sends nothing. A send that fails is logged
 * once at WARN and never thrown: telling systemd is best effort, the app keeps running (and a
 * watchdog that hears nothing restarts it).
 */
public final class ServiceNotifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServiceNotifier.class);
    /** Largest message accepted; systemd reads at most a page-sized datagram for state lines. */
    static final int MAX_MESSAGE_BYTES = 4096;

    private final Optional<String> socket;
    private final Optional<Duration> watchdog;
    private AFUNIXDatagramSocket channel;
    private boolean warned;

    private ServiceNotifier(Optional<String> socket, Optional<Duration> watchdog) {
        this.socket = socket;
        this.watchdog = watchdog;
    }

    /**
     * A notifier for this process from systemd's variables: {@code NOTIFY_SOCKET}, and
     * {@code WATCHDOG_USEC} when {@code WATCHDOG_PID} is unset or names this process.
     */
    public static ServiceNotifier fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return disabled();
        }
        return to(socket, watchdogInterval(env, ProcessHandle.current().pid()));
    }

    /** A notifier that sends to {@code socket} (a path or {@code @abstract-name}). */
    public static ServiceNotifier to(String socket, Optional<Duration> watchdog) {
        if (socket.isBlank() || socket.equals("@")) {
            throw new IllegalArgumentException("expected a socket path or @name but was '" + socket + "'");
        }
        watchdog.ifPresent(w -> {
            if (w.isNegative() || w.isZero()) {
                throw new IllegalArgumentException("expected a positive watchdog interval but was " + w);
            }
        });
        return new ServiceNotifier(Optional.of(socket), watchdog);
    }

    /** A notifier that sends nothing. */
    public static ServiceNotifier disabled() {
        return new ServiceNotifier(Optional.empty(), Optional.empty());
    }

    /** The watchdog interval systemd asks for, if it is meant for {@code pid}. */
    static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) {
            return Optional.empty();
        }
        String forPid = env.get("WATCHDOG_PID");
        try {
            if (forPid != null && !forPid.isBlank() && Long.parseLong(forPid.strip()) != pid) {
                return Optional.empty();
            }
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1_000)) : Optional.empty();
        } catch (NumberFormatException e) {
            LOG.warnf(
                    "ignoring the systemd watchdog: expected a number in WATCHDOG_USEC/WATCHDOG_PID but was '%s'/'%s'",
                    usec, forPid);
            return Optional.empty();
        }
    }

    /** True when there is a socket to send to. */
    public boolean enabled() {
        return socket.isPresent();
    }

    /** The interval within which systemd expects {@code WATCHDOG=1}; empty when no watchdog is armed. */
    public Optional<Duration> watchdog() {
        return watchdog;
    }

    /** {@code READY=1} with a status line. */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status) + "\n");
    }

    /** {@code WATCHDOG=1}: the service is healthy. */
    public void watchdogPing() {
        send("WATCHDOG=1\n");
    }

    /** {@code STATUS=…}: a one-line status shown by {@code systemctl status}. */
    public void status(String status) {
        send("STATUS=" + oneLine(status) + "\n");
    }

    /** {@code STOPPING=1}: the service is shutting down. */
    public void stopping() {
        send("STOPPING=1\nSTATUS=stopping\n");
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    /** Sends one message; true when it was handed to the socket. Nothing happens when disabled. */
    synchronized boolean send(String message) {
        if (socket.isEmpty()) {
            return false;
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(
                    "expected a notify message of at most " + MAX_MESSAGE_BYTES + " bytes but was " + bytes.length);
        }
        try {
            if (channel == null) {
                channel = AFUNIXDatagramSocket.newInstance();
                channel.connect(address(socket.get()));
            }
            channel.send(new DatagramPacket(bytes, bytes.length));
            if (warned) {
                LOG.infof("systemd notify socket %s reachable again", socket.get());
                warned = false;
            }
            return true;
        } catch (IOException e) {
            closeChannel();
            if (!warned) {
                warned = true;
                LOG.warnf("cannot notify systemd at %s: %s", socket.get(), e.getMessage());
            }
            return false;
        }
    }

    static SocketAddress address(String socket) throws IOException {
        if (socket.startsWith("@")) {
            return AFUNIXSocketAddress.inAbstractNamespace(socket.substring(1));
        }
        return AFUNIXSocketAddress.of(new File(socket));
    }

    private void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }
}
