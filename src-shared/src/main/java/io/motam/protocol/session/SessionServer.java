package io.motam.protocol.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.bouncycastle.tls.TlsServerProtocol;
import org.jboss.logging.Logger;

/**
 * Accepts a secure session: the gateway's side of {@link SecureSession}'s handshake.
 *
 * <p>Blocking: call it on the thread that owns the connection. Set a read timeout on the
 * transport (e.g. {@link java.net.Socket#setSoTimeout}) so a silent client cannot hold the
 * thread; it surfaces as {@link SessionException.Reason#TIMEOUT}.
 */
public final class SessionServer {

    private static final Logger LOG = Logger.getLogger(SessionServer.class);

    /** The single application-data byte by which the server tells the client it was admitted. */
    static final int ADMITTED = 0x01;

    private SessionServer() {}

    /**
     * Runs the TLS 1.3 handshake as server over {@code in}/{@code out}, requires a client
     * certificate, asks {@code policy} about the client's key and, if admitted, confirms the
     * admission to the client.
     *
     * @return the session; closing it closes {@code in} and {@code out}
     * @throws SessionException {@code PEER_REJECTED} if the client sent no certificate or the
     *         policy refused it, {@code TIMEOUT} or {@code HANDSHAKE_FAILED} otherwise; the
     *         streams are closed
     */
    public static SecureSession accept(InputStream in, OutputStream out, Identity id, PeerPolicy policy)
            throws SessionException {
        return accept(in, out, id, policy, CipherPreference.AUTO);
    }

    /**
     * As {@link #accept(InputStream, OutputStream, Identity, PeerPolicy)}, with this end's cipher
     * suite preference (the server picks; see {@link CipherPreference}).
     */
    public static SecureSession accept(
            InputStream in, OutputStream out, Identity id, PeerPolicy policy, CipherPreference cipherPreference)
            throws SessionException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        SessionTlsServer server = new SessionTlsServer(Tls13Profile.crypto(), id, policy, cipherPreference);
        TlsServerProtocol protocol = new TlsServerProtocol(in, out);
        try {
            protocol.accept(server);
            OutputStream app = protocol.getOutputStream();
            app.write(ADMITTED);
            app.flush();
        } catch (IOException | RuntimeException e) {
            SecureSession.abort(protocol, in, out);
            throw failure(server, e);
        }
        SecureSession session =
                new SecureSession(protocol, server.context(), server.exporter(), server.client(), in, out);
        LOG.infof(
                "Accepted TLS 1.3 session from %s (%s, %s)",
                server.client(), session.cipherSuite(), session.keyExchangeGroup());
        return session;
    }

    private static SessionException failure(SessionTlsServer server, Exception e) {
        if (server.rejected()) {
            return new SessionException(SessionException.Reason.PEER_REJECTED, "client refused", e);
        }
        SessionException.Reason reason = SessionException.isTimeout(e)
                ? SessionException.Reason.TIMEOUT
                : SessionException.Reason.HANDSHAKE_FAILED;
        LOG.infof("TLS handshake with a client failed (%s): %s", reason, e);
        return new SessionException(reason, String.valueOf(e), e);
    }
}
