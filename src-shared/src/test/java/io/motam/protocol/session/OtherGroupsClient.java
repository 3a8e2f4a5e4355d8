package io.motam.protocol.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Vector;
import org.bouncycastle.tls.TlsClientProtocol;

/**
 * Our own client in every respect (TLS 1.3, suites, signature, identity, pin) except the key
 * exchange groups it offers: only those given.
 */
final class OtherGroupsClient {

    private OtherGroupsClient() {}

    static void connect(InputStream in, OutputStream out, Identity id, Fingerprint server, int... groups)
            throws IOException {
        SessionTlsClient client = new SessionTlsClient(Tls13Profile.crypto(), id, server) {
            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            protected Vector getSupportedGroups(Vector namedGroupRoles) {
                Vector<Integer> offered = new Vector<>();
                for (int g : groups) {
                    offered.add(g);
                }
                return offered;
            }
        };
        new TlsClientProtocol(in, out).connect(client);
    }
}
