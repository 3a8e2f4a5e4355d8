package io.motam.protocol.session;

import java.io.IOException;
import java.util.Objects;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.RenegotiationPolicy;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jboss.logging.Logger;

/**
 * The server side of one handshake: {@link Tls13Profile}, our identity as credentials, a
 * mandatory client certificate and the {@link PeerPolicy}.
 *
 * <p>Bouncy Castle calls {@link #notifyClientCertificate} as soon as the client's Certificate
 * message arrives, before its CertificateVerify proves it holds the key. So that method only
 * records the fingerprint; the policy is asked in {@link #notifyHandshakeComplete()}, after the
 * signature and the client Finished are verified. A refusal there makes BC send a fatal
 * {@code bad_certificate} alert, the same one a missing certificate gets: the client never learns
 * which it was.
 */
class SessionTlsServer extends DefaultTlsServer {

    private static final Logger LOG = Logger.getLogger(SessionTlsServer.class);

    private final JcaTlsCrypto crypto;
    private final Identity identity;
    private final PeerPolicy policy;
    private final CipherPreference cipherPreference;
    private Fingerprint client;
    private boolean rejected;
    private SessionExporter exporter;

    SessionTlsServer(JcaTlsCrypto crypto, Identity identity, PeerPolicy policy) {
        this(crypto, identity, policy, CipherPreference.AUTO);
    }

    SessionTlsServer(JcaTlsCrypto crypto, Identity identity, PeerPolicy policy, CipherPreference cipherPreference) {
        super(crypto);
        this.crypto = crypto;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.policy = Objects.requireNonNull(policy, "policy");
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

    /** The server chooses the suite, in the order {@link Tls13Profile#serverOrder} gives. */
    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    public int[] getCipherSuites() {
        return Tls13Profile.serverOrder(super.getCipherSuites(), offeredCipherSuites);
    }

    /** Only x25519 and secp256r1 (BC's default adds x448, secp384r1 and ffdhe2048..4096). */
    @Override
    public int[] getSupportedGroups() {
        return Tls13Profile.serverGroups(crypto);
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
    public TlsCredentials getCredentials() {
        return Tls13Profile.signer(context, crypto, identity, TlsUtils.EMPTY_BYTES);
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        return new CertificateRequest(TlsUtils.EMPTY_BYTES, Tls13Profile.signatureAlgorithms(), null, null);
    }

    @Override
    public void notifyClientCertificate(Certificate certificate) throws IOException {
        if (certificate == null || certificate.isEmpty()) {
            rejected = true;
            LOG.info("Refused a TLS client: it presented no certificate");
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
        client = Tls13Profile.peerFingerprint(certificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        if (client == null) {
            throw new TlsFatalAlert(
                    AlertDescription.internal_error, "handshake completed without a client certificate");
        }
        if (!policy.admit(client)) {
            rejected = true;
            LOG.infof("Refused TLS client %s: not admitted by the peer policy", client);
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
        exporter = SessionExporter.capture(context);
    }

    TlsContext context() {
        return context;
    }

    /** The authenticated and admitted client; only meaningful after the handshake. */
    Fingerprint client() {
        return client;
    }

    /** The session's exporter, captured at handshake completion. */
    SessionExporter exporter() {
        return exporter;
    }

    /** Whether this server refused the client (missing certificate or policy), as opposed to a TLS failure. */
    boolean rejected() {
        return rejected;
    }
}
