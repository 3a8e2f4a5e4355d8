package io.motam.gateway.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.bluetooth.GatewayBluetooth;
import io.motam.gateway.config.LinkConfig;
import io.motam.gateway.config.PairingConfig;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.AuthorisationLog;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.SystemStateController;
import io.motam.link.Link;
import io.motam.link.LinkAcceptor;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.tcp.TcpLinkAcceptor;
import io.motam.protocol.file.FileReceiver;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.message.Close;
import io.motam.protocol.session.CipherPreference;
import io.motam.protocol.session.Identity;
import io.motam.protocol.uplink.GatewayConnection;
import io.motam.protocol.uplink.Traffic;
import io.motam.protocol.uplink.UplinkSettings;
import io.motam.protocol.uplink.VersionRange;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Listens for camera links and runs the gateway's end of the uplink ({@link GatewayConnection}) for
 * each on its own thread, wired to the gateway's registry, pairing desk, audit log, journal,
 * state and backup store (files in, and a camera's last model back out on RESTORE_REQUEST).
 *
 * <p>Before a peer is authenticated it costs the gateway a thread and a TLS handshake, so the
 * links in their handshake are bounded ({@link HandshakeSlots}: {@code motam.link.max-handshakes}
 * in all, {@code max-handshakes-per-source} from one TCP address or Bluetooth device); a link
 * beyond either bound is closed at once, counted in {@code motam_link_handshakes_refused_total}
 * and reported in a log line at most once a minute. Authenticated sessions are bounded by
 * {@code motam.gateway.max-cameras}, so the session threads are too.
 */
@ApplicationScoped
public class LinkServer {
    private static final Logger LOG = Logger.getLogger(LinkServer.class);
    /** Links closed before their handshake are reported in one log line at most this often. */
    static final Duration REFUSAL_REPORT = Duration.ofMinutes(1);

    @Inject
    LinkConfig config;

    @Inject
    PairingConfig pairing;

    @Inject
    Identity identity;

    @Inject
    CameraRegistry registry;

    @Inject
    PairingDesk desk;

    @Inject
    AuthorisationLog audit;

    @Inject
    AuditLog auditLog;

    @Inject
    EventJournal journal;

    @Inject
    SystemStateController state;

    @Inject
    ActiveCameras active;

    @Inject
    ObjectMapper mapper;

    @Inject
    BackupStore backup;

    @Inject
    LinkMetrics metrics;

    @Inject
    GatewayBluetooth bluetooth;

    @Inject
    MeterRegistry meters;

    private volatile LinkAcceptor acceptor;
    private ExecutorService sessions;
    private ScheduledExecutorService timers;
    private Thread acceptThread;
    private volatile boolean running;
    private HandshakeSlots slots;
    private long refusedSinceReport;
    private Instant lastRefusalReport = Instant.EPOCH;
    private CipherPreference cipherPreference;

    void start(@Observes StartupEvent ev) {
        if (!"tcp".equals(config.transport()) && !bluetooth.enabled()) {
            throw new IllegalStateException(
                    "motam.link.transport must be tcp or bluetooth but was " + config.transport());
        }
        cipherPreference = CipherPreference.parse(config.cipherPreference());
        try {
            acceptor = bluetooth.enabled()
                    ? bluetooth.acceptor()
                    : new TcpLinkAcceptor(
                            config.tcp().host(),
                            config.tcp().port(),
                            config.tcp().backlog());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen for cameras on "
                            + (bluetooth.enabled()
                                    ? "Bluetooth adapter " + config.bluetooth().adapter()
                                    : config.tcp().host() + ":" + config.tcp().port())
                            + ": " + e.getMessage(),
                    e);
        }
        slots = new HandshakeSlots(config.maxHandshakes(), config.maxHandshakesPerSource());
        Gauge.builder("motam.link.handshakes", slots, HandshakeSlots::inProgress)
                .description("links in their handshake now (TLS, HELLO .. WELCOME)")
                .register(meters);
        AtomicInteger n = new AtomicInteger();
        sessions = Executors.newCachedThreadPool(r -> daemon(r, "motam-session-" + n.incrementAndGet()));
        timers = Executors.newScheduledThreadPool(1, r -> daemon(r, "motam-link-timers"));
        running = true;
        acceptThread = daemon(this::acceptLoop, "motam-link-accept");
        acceptThread.start();
        LOG.infof(
                "link server listening on %s (protocol versions %s; at most %d handshakes, %d per source)",
                acceptor.endpoint(), VersionRange.SUPPORTED, slots.max(), slots.perSource());
        if (registry.isEmpty() && pairing.offerOnFirstStart()) {
            try {
                desk.issue(acceptor.endpoint());
            } catch (IOException e) {
                LOG.errorf("could not issue the first pairing offer: %s", e.getMessage());
            }
        }
    }

    /** Where cameras reach this gateway. */
    public String endpoint() {
        return acceptor.endpoint();
    }

    private void acceptLoop() {
        UplinkSettings settings = new UplinkSettings(
                config.maxPayload(),
                config.keepalive(),
                config.handshakeTimeout(),
                UplinkSettings.DEFAULT.fileChunk(),
                VersionRange.SUPPORTED,
                cipherPreference);
        FileReceiver.Limits limits =
                new FileReceiver.Limits(config.maxFileSize(), config.fileCheckpoint(), config.directIo());
        CameraGate gate = new CameraGate(registry, desk, audit, state, active);
        JournalSink events = new JournalSink(journal, state, mapper, auditLog);
        BackupReceivedFiles files = new BackupReceivedFiles(backup);
        BackupRestoreSource restores = new BackupRestoreSource(backup);
        Traffic traffic = new Traffic() {
            @Override
            public void received(FrameType type, int wireBytes) {
                metrics.received(type.name(), wireBytes);
            }

            @Override
            public void sent(FrameType type, int wireBytes) {
                metrics.sent(type.name(), wireBytes);
            }
        };
        while (running) {
            try {
                Link link = acceptor.accept();
                LOG.debugf("link from %s", link.peerAddress());
                HandshakeSlots.Admission admission = slots.admit(PeerSource.of(link.peerAddress()));
                if (admission instanceof HandshakeSlots.Refused refused) {
                    refused(link.peerAddress(), refused);
                    link.close();
                    continue;
                }
                HandshakeSlots.Slot slot = (HandshakeSlots.Slot) admission;
                GatewayConnection connection = new GatewayConnection(
                                link, identity, gate, events, files, settings, limits, timers)
                        .withTraffic(traffic)
                        .withRestore(restores)
                        .withHandshakeEnd(slot::close);
                try {
                    sessions.execute(() -> {
                        try {
                            connection.run();
                        } finally {
                            slot.close();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    slot.close();
                    connection.close(Close.Reason.SHUTDOWN);
                    link.close();
                }
            } catch (BluetoothException e) {
                if (running) {
                    reRegister(e);
                }
            } catch (IOException e) {
                if (running) {
                    LOG.warnf("accept failed: %s", e.getMessage());
                }
            }
        }
    }

    /** A link got no handshake slot (it is closed next): counted, and reported at most once per {@link #REFUSAL_REPORT}. */
    private void refused(String peer, HandshakeSlots.Refused r) {
        meters.counter("motam.link.handshakes.refused", "reason", r.why().name().toLowerCase(Locale.ROOT))
                .increment();
        refusedSinceReport++;
        Instant now = Instant.now();
        if (now.isBefore(lastRefusalReport.plus(REFUSAL_REPORT))) {
            LOG.debugf("link from %s closed before its handshake: %s", peer, r.why());
            return;
        }
        LOG.warnf(
                "link from %s closed before its handshake: %s (%d handshakes in progress, %d from %s; limits %d and %d);"
                        + " %d link(s) closed this way since the last report",
                peer,
                r.why(),
                r.inProgress(),
                r.fromSource(),
                r.source(),
                slots.max(),
                slots.perSource(),
                refusedSinceReport);
        refusedSinceReport = 0;
        lastRefusalReport = now;
    }

    /** BlueZ released our profile (bluetoothd restarted): register it again, with a pause between tries. */
    private void reRegister(BluetoothException cause) {
        LOG.warnf("Serial Port profile lost (%s); registering it again", cause.getMessage());
        try {
            acceptor.close();
        } catch (IOException ignored) {
            // already released
        }
        while (running) {
            try {
                acceptor = bluetooth.acceptor();
                LOG.infof("link server listening again on %s", acceptor.endpoint());
                return;
            } catch (BluetoothException e) {
                LOG.warnf("registering the Serial Port profile failed: %s; retrying in 5 s", e.getMessage());
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000_000L);
            }
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        try {
            if (acceptor != null) {
                acceptor.close();
            }
        } catch (IOException ignored) {
            // shutting down
        }
        active.closeAll();
        if (sessions != null) {
            sessions.shutdown();
            timers.shutdown();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
