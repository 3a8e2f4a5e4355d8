package io.motam.protocol.session;

import java.io.IOException;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.TlsSecret;

/**
 * The TLS 1.3 keying-material exporter of one session (RFC 8446 §7.5), usable for the whole
 * session:
 *
 * <pre>
 * TLS-Exporter(label, context_value = "", length) =
 *     HKDF-Expand-Label(Derive-Secret(exporter_master_secret, label, ""),
 *                       "exporter", Hash(""), length)
 * </pre>
 *
 * <p>Why this exists: Bouncy Castle 1.84 only answers {@code TlsContext.exportKeyingMaterial}
 * from inside {@code notifyHandshakeComplete()}; right after it, {@code TlsProtocol} clears the
 * connection's {@code SecurityParameters}, exporter master secret included, and later calls fail
 * with "Export of key material only available from notifyHandshakeComplete()". So both peers
 * {@link #capture} a copy of the exporter master secret at that moment ({@code adoptSecret}
 * copies it into a new {@link TlsSecret}) and evaluate the formula above with BC's own
 * {@link TlsCryptoUtils#hkdfExpandLabel}. The result is byte-for-byte what BC would have returned
 * (a test compares the two). The copy lives as long as the session and is destroyed on close; it
 * yields exporter values only, never traffic keys.
 */
final class SessionExporter {

    private final TlsCrypto crypto;
    private final int cryptoHashAlgorithm;
    private TlsSecret exporterMasterSecret;

    private SessionExporter(TlsCrypto crypto, int cryptoHashAlgorithm, TlsSecret exporterMasterSecret) {
        this.crypto = crypto;
        this.cryptoHashAlgorithm = cryptoHashAlgorithm;
        this.exporterMasterSecret = exporterMasterSecret;
    }

    /** Copies the exporter master secret; call only from {@code notifyHandshakeComplete()}. */
    static SessionExporter capture(TlsContext context) {
        SecurityParameters parameters = context.getSecurityParametersConnection();
        TlsSecret secret = parameters == null ? null : parameters.getExporterMasterSecret();
        if (secret == null) {
            throw new IllegalStateException(
                    "expected the exporter master secret at handshake completion but it is gone");
        }
        TlsCrypto crypto = context.getCrypto();
        return new SessionExporter(crypto, parameters.getPRFCryptoHashAlgorithm(), crypto.adoptSecret(secret));
    }

    synchronized byte[] export(String label, int length) {
        if (exporterMasterSecret == null) {
            throw new IllegalStateException("expected an open session but it is closed");
        }
        byte[] emptyHash = crypto.createHash(cryptoHashAlgorithm).calculateHash();
        TlsSecret labelSecret = null;
        try {
            labelSecret = TlsCryptoUtils.hkdfExpandLabel(
                    exporterMasterSecret,
                    cryptoHashAlgorithm,
                    label,
                    emptyHash,
                    TlsCryptoUtils.getHashOutputSize(cryptoHashAlgorithm));
            return TlsCryptoUtils.hkdfExpandLabel(labelSecret, cryptoHashAlgorithm, "exporter", emptyHash, length)
                    .extract();
        } catch (IOException e) {
            throw new IllegalStateException("HKDF-Expand-Label failed", e);
        } finally {
            if (labelSecret != null) {
                labelSecret.destroy();
            }
        }
    }

    synchronized void destroy() {
        if (exporterMasterSecret != null) {
            exporterMasterSecret.destroy();
            exporterMasterSecret = null;
        }
    }
}
