package io.motam.gateway.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.config.LinkConfig;
import io.motam.gateway.config.PairingConfig;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.AuthorizationLog;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.SystemStateController;
import io.motam.link.Link;
import io.motam.link.LinkAcceptor;
import io.motam.link.tcp.TcpLinkAcceptor;
import io.motam.protocol.session.Identity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** Listens for camera links and runs one {@link CameraSession} per link on its own thread. */
@ApplicationScoped
public class LinkServer {
    private static final Logger LOG = Logger.getLogger(LinkServer.class);

    @Inject LinkConfig config;
    @Inject PairingConfig pairing;
    @Inject Identity identity;
    @Inject CameraRegistry registry;
    @Inject PairingDesk desk;
    @Inject AuthorizationLog audit;
    @Inject EventJournal journal;
    @Inject SystemStateController state;
    @Inject ActiveCameras active;
    @Inject ObjectMapper mapper;

    private LinkAcceptor acceptor;
    private ExecutorService sessions;
    private ScheduledExecutorService timers;
    private Thread acceptThread;
    private volatile boolean running;

    void start(@Observes StartupEvent ev) {
        if (!"tcp".equals(config.transport())) {
            throw new IllegalStateException("motam.link.transport=" + config.transport()
                    + " is not available in this build; use tcp");
        }
        try {
            TcpLinkAcceptor tcp = new TcpLinkAcceptor(config.tcp().host(), config.tcp().port());
            acceptor = tcp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.tcp().host() + ":" + config.tcp().port(), e);
        }
        AtomicInteger n = new AtomicInteger();
        sessions = Executors.newCachedThreadPool(r -> daemon(r, "motam-session-" + n.incrementAndGet()));
        timers = Executors.newScheduledThreadPool(1, r -> daemon(r, "motam-link-timers"));
        running = true;
        acceptThread = daemon(this::acceptLoop, "motam-link-accept");
        acceptThread.start();
        LOG.infof("link server listening on %s", acceptor.endpoint());
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
        CameraSession.Context ctx = new CameraSession.Context(identity, registry, desk, audit, journal, state, active,
                mapper, timers, config.maxPayload(), config.keepalive(), config.handshakeTimeout());
        while (running) {
            try {
                Link link = acceptor.accept();
                LOG.debugf("link from %s", link.peerAddress());
                sessions.execute(new CameraSession(link, ctx));
            } catch (IOException e) {
                if (running) {
                    LOG.warnf("accept failed: %s", e.getMessage());
                }
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
            sessions.shutdownNow();
            timers.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
