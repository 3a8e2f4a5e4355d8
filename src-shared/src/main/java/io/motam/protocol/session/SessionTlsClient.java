package io.motam.protocol.session;

import java.io.IOException;
import java.util.Objects;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.RenegotiationPolicy;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jboss.logging.Logger;

/**
 * The client side of one handshake: {@link Tls13Profile}, the server's key pinned to an expected
 * {@link Fingerprint}, and our identity presented when the server asks (it always does).
 *
 * <p>The pin is checked when the server's Certificate arrives, before its CertificateVerify and
 * Finished and before we send anything of ours: a wrong server learns neither our certificate nor
 * any application data. BC then verifies that the server signed the transcript with that very
 * key, so a matching pin means the server holds the pinned private key.
 */
class SessionTlsClient extends DefaultTlsClient {

    private static final Logger LOG = Logger.getLogger(SessionTlsClient.class);

    private final JcaTlsCrypto crypto;
    private final Identity identity;
    private final Fingerprint expectedServer;
    private final CipherPreference cipherPreference;
    private Fingerprint server;
    private Fingerprint mismatched;
    private SessionExporter exporter;

    SessionTlsClient(JcaTlsCrypto crypto, Identity identity, Fingerprint expectedServer) {
        this(crypto, identity, expectedServer, CipherPreference.AUTO);
    }

    SessionTlsClient(
            JcaTlsCrypto crypto, Identity identity, Fingerprint expectedServer, CipherPreference cipherPreference) {
        super(crypto);
        this.crypto = crypto;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.expectedServer = Objects.requireNonNull(expectedServer, "expectedServer");
        this.cipherPreference = Objects.requireNonNull(cipherPreference, "cipherPreference");
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return Tls13Profile.VERSIONS;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return Tls13Profile.cipherSuites(crypto, cipherPreference);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        return Tls13Profile.groups(crypto);
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getSupportedSignatureAlgorithms() {
        return Tls13Profile.signatureAlgorithms();
    }

    @Override
    public int getMaxCertificateChainLength() {
        return Tls13Profile.MAX_CERTIFICATE_CHAIN_LENGTH;
    }

    @Override
    public int getMaxHandshakeMessageSize() {
        return Tls13Profile.MAX_HANDSHAKE_MESSAGE_SIZE;
    }

    @Override
    public int getRenegotiationPolicy() {
        return RenegotiationPolicy.DENY;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                Certificate chain = serverCertificate.getCertificate();
                if (chain == null || chain.isEmpty()) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate, "server sent no certificate");
                }
                Fingerprint actual = Tls13Profile.peerFingerprint(chain);
                if (!actual.equals(expectedServer)) {
                    mismatched = actual;
                    LOG.warnf("Refused TLS server %s: expected pinned key %s", actual, expectedServer);
                    throw new TlsFatalAlert(AlertDescription.bad_certificate);
                }
                server = actual;
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                Vector<?> accepted = request.getSupportedSignatureAlgorithms();
                if (accepted != null && !accepted.contains(Tls13Profile.SIGNATURE)) {
                    return null;
                }
                return Tls13Profile.signer(context, crypto, identity, request.getCertificateRequestContext());
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        exporter = SessionExporter.capture(context);
    }

    /** The session's exporter, captured at handshake completion. */
    SessionExporter exporter() {
        return exporter;
    }

    TlsContext context() {
        return context;
    }

    Fingerprint expectedServer() {
        return expectedServer;
    }

    /** The pinned and authenticated server; only meaningful after the handshake. */
    Fingerprint server() {
        return server;
    }

    /** The server key that did not match the pin, or {@code null}. */
    Fingerprint mismatched() {
        return mismatched;
    }
}
