package io.motam.protocol.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.bouncycastle.tls.TlsClientProtocol;
import org.jboss.logging.Logger;

/**
 * Connects a secure session: the camera's side of {@link SecureSession}'s handshake.
 *
 * <p>The server is authenticated only by its pinned {@link Fingerprint}: learnt from the pairing
 * offer the first time (see {@code io.motam.protocol.pairing.PairingOffer}), stored afterwards.
 * Pairing uses this same method; the pairing secret is then proven over the session with
 * {@code PairingProof}, bound to it by {@link SecureSession#exporter}.
 */
public final class SessionClient {

    private static final Logger LOG = Logger.getLogger(SessionClient.class);

    private SessionClient() {}

    /**
     * Runs the TLS 1.3 handshake as client over {@code in}/{@code out}, accepting only a server
     * whose key has fingerprint {@code expectedServer}, presenting {@code id}, and waits until the
     * server has admitted us.
     *
     * @return the session; closing it closes {@code in} and {@code out}
     * @throws SessionException {@code SERVER_KEY_MISMATCH} if the server's key is not the pinned
     *         one (nothing of ours was sent), {@code PEER_REJECTED} if the server refused our key,
     *         {@code TIMEOUT} or {@code HANDSHAKE_FAILED} otherwise; the streams are closed
     */
    public static SecureSession connect(InputStream in, OutputStream out, Identity id, Fingerprint expectedServer)
            throws SessionException {
        return connect(in, out, id, expectedServer, CipherPreference.AUTO);
    }

    /**
     * As {@link #connect(InputStream, OutputStream, Identity, Fingerprint)}, offering the cipher
     * suites in this end's order (the server picks; see {@link CipherPreference}).
     */
    public static SecureSession connect(
            InputStream in,
            OutputStream out,
            Identity id,
            Fingerprint expectedServer,
            CipherPreference cipherPreference)
            throws SessionException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        SessionTlsClient client = new SessionTlsClient(Tls13Profile.crypto(), id, expectedServer, cipherPreference);
        TlsClientProtocol protocol = new TlsClientProtocol(in, out);
        try {
            protocol.connect(client);
            awaitAdmission(protocol.getInputStream());
        } catch (IOException | RuntimeException e) {
            SecureSession.abort(protocol, in, out);
            throw failure(client, e);
        }
        LOG.infof(
                "Connected TLS 1.3 session to %s (%s)",
                client.server(),
                Tls13Profile.suiteName(client.context().getSecurityParameters().getCipherSuite()));
        return new SecureSession(protocol, client.context(), client.exporter(), client.server(), in, out);
    }

    private static void awaitAdmission(InputStream app) throws IOException {
        int confirmation = app.read();
        if (confirmation != SessionServer.ADMITTED) {
            throw new IOException(
                    confirmation < 0
                            ? "expected the admission byte but the server closed the session"
                            : String.format(
                                    "expected admission byte 0x%02x but was 0x%02x",
                                    SessionServer.ADMITTED, confirmation));
        }
    }

    private static SessionException failure(SessionTlsClient client, Exception e) {
        if (client.mismatched() != null) {
            return new SessionException(
                    SessionException.Reason.SERVER_KEY_MISMATCH,
                    "expected server key " + client.expectedServer() + " but was " + client.mismatched(),
                    e);
        }
        SessionException.Reason reason;
        if (SessionException.isTimeout(e)) {
            reason = SessionException.Reason.TIMEOUT;
        } else if (SessionException.isRefusalAlert(e)) {
            reason = SessionException.Reason.PEER_REJECTED;
        } else {
            reason = SessionException.Reason.HANDSHAKE_FAILED;
        }
        LOG.infof("TLS session to %s failed (%s): %s", client.expectedServer(), reason, e);
        return new SessionException(reason, String.valueOf(e), e);
    }
}
