package io.motam.gateway.pairing;

import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.bluetooth.AdapterControl;
import io.motam.gateway.bluetooth.AdapterException;
import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.config.PairingConfig;
import io.motam.gateway.registry.ThrowOut;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingQr;
import io.motam.protocol.pairing.PairingWindow;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.Identity;
import io.motam.storage.AtomicFiles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Issues one-time pairing offers and checks the proofs cameras present against them. The rules
 * (single use, expiry after {@code motam.pairing.ttl}, withdrawal after
 * {@value PairingWindow#MAX_FAILED_PROOFS} wrong proofs) are the shared {@link PairingWindow}'s;
 * the desk adds what a gateway does around them. While an offer is open it lives in memory and in
 * {@code <data-dir>/pairing/offer.txt} and {@code offer.png} (both owner-only); it is deleted when
 * used, expired or withdrawn.
 *
 * <p>While an offer is open the adapter is pairable ({@link AdapterControl#openPairingWindow}
 * for the offer's lifetime, closed early when the offer closes), and issuing an offer lifts
 * every block left by earlier throw-outs. Offers are audited ({@code OFFER_OPENED},
 * {@code OFFER_CLOSED}), never with the secret.
 */
@ApplicationScoped
public class PairingDesk {
    private static final Logger LOG = Logger.getLogger(PairingDesk.class);

    @Inject
    Identity identity;

    @Inject
    GatewayConfig gateway;

    @Inject
    PairingConfig config;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    @Inject
    AdapterControl adapter;

    @Inject
    ThrowOut throwOut;

    @Inject
    AuditLog audit;

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "motam-pairing-expiry");
        t.setDaemon(true);
        return t;
    });
    private final PairingWindow window = new PairingWindow(clock, this::closed);
    private ScheduledFuture<?> expiryTask;

    /** Opens a new offer for the given endpoint, replacing any open one. */
    public synchronized PairingOffer issue(String endpoint) throws IOException {
        String advertised = config.advertisedEndpoint().orElse(endpoint);
        PairingOffer offer =
                PairingOffer.issue(gateway.id(), advertised, identity.fingerprint(), config.ttl(), clock, random);
        window.open(offer); // replaces any open offer
        Path dir = AtomicFiles.ownerOnlyDirectory(dataDir.resolve("pairing"));
        AtomicFiles.write(dir.resolve("offer.txt"), offer.encode().getBytes(StandardCharsets.US_ASCII), true);
        PairingQr.writePng(offer, dir.resolve("offer.png"));
        // the QR is the offer's secret: never in the log, on the terminal only when a person is at it
        LOG.infof(
                "pairing offer open until %s for endpoint %s; QR in %s (owner-only) and on the signed-in status page",
                offer.expiresAt(), advertised, dir.resolve("offer.png"));
        if (System.console() != null) {
            System.console().writer().println(PairingQr.toTerminal(offer));
            System.console().flush();
        }
        audit.append(
                "OFFER_OPENED",
                null,
                null,
                null,
                "pairing offer open until " + offer.expiresAt() + " for " + advertised);
        throwOut.unblockAll("a new pairing offer was opened");
        try {
            adapter.openPairingWindow(config.ttl());
        } catch (AdapterException | RuntimeException e) {
            audit.append("ADAPTER_FAILED", null, null, null, "pairable window not opened: " + e.getMessage());
            LOG.errorf("the adapter did not open a pairable window: %s", e.getMessage());
        }
        if (expiryTask != null) {
            expiryTask.cancel(false);
        }
        long delay = Math.max(0, offer.expiresAt().toEpochMilli() - clock.millis()) + 50;
        expiryTask = expiry.schedule(this::isOpen, delay, TimeUnit.MILLISECONDS);
        return offer;
    }

    /** The QR code of the open offer as PNG (it carries the secret: show it only to the operator). */
    public synchronized Optional<byte[]> qrPng() {
        if (!window.isOpen()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(dataDir.resolve("pairing").resolve("offer.png")));
        } catch (IOException e) {
            LOG.warnf("pairing QR unreadable: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** Withdraws the open offer, if any, at the operator's request. */
    public synchronized boolean withdraw() {
        if (!window.isOpen()) {
            return false;
        }
        window.withdraw("withdrawn by the operator");
        return true;
    }

    @PreDestroy
    void stopTimer() {
        expiry.shutdownNow();
    }

    /** True while an unexpired offer is open (a not-yet-known key may then complete a handshake). */
    public synchronized boolean isOpen() {
        return window.isOpen();
    }

    public synchronized Optional<PairingOffer> current() {
        return window.current();
    }

    /**
     * Checks a camera's proof, bound to its session exporter and key. On success the offer is
     * consumed: a second use of the same offer finds none.
     */
    public synchronized PairingWindow.Outcome redeem(byte[] proof, byte[] exporter, Fingerprint cameraKey) {
        return window.redeem(proof, exporter, cameraKey);
    }

    /** The window closed the offer (used, expired, locked out, replaced or withdrawn): undo its traces. */
    private void closed(String why) {
        if (expiryTask != null) {
            expiryTask.cancel(false);
            expiryTask = null;
        }
        try {
            adapter.closePairingWindow();
        } catch (AdapterException | RuntimeException e) {
            LOG.warnf("the adapter did not close its pairable window: %s", e.getMessage());
        }
        try {
            audit.append("OFFER_CLOSED", null, null, null, "pairing offer closed: " + why);
        } catch (RuntimeException e) {
            LOG.errorf("could not audit the closed offer: %s", e.getMessage());
        }
        Path dir = dataDir.resolve("pairing");
        try {
            Files.deleteIfExists(dir.resolve("offer.txt"));
            Files.deleteIfExists(dir.resolve("offer.png"));
        } catch (IOException e) {
            LOG.warnf("could not delete the closed offer files in %s: %s", dir, e.getMessage());
        }
        LOG.infof("pairing offer closed: %s", why);
    }
}
