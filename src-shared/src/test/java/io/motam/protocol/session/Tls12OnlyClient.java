package io.motam.protocol.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/** A legacy client that offers TLS 1.2 and nothing newer. */
final class Tls12OnlyClient {

    private Tls12OnlyClient() {}

    static void connect(InputStream in, OutputStream out) throws IOException {
        DefaultTlsClient client = new DefaultTlsClient(new JcaTlsCryptoProvider().create(new SecureRandom())) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return ProtocolVersion.TLSv12.only();
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new ServerOnlyTlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                        // would accept anything; the server must refuse first
                    }
                };
            }
        };
        new TlsClientProtocol(in, out).connect(client);
    }
}
