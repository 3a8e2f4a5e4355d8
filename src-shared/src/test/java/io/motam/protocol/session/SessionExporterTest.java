package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.junit.jupiter.api.Test;

/**
 * Our long-lived exporter against Bouncy Castle's own {@code exportKeyingMaterial}, which only
 * works inside {@code notifyHandshakeComplete()}.
 */
class SessionExporterTest {

    private static final String LABEL = "EXPORTER-motam-pairing-v1";

    private static final class CapturingServer extends SessionTlsServer {
        byte[] bc32;
        byte[] bc100;

        CapturingServer(Identity identity) {
            super(Tls13Profile.crypto(), identity, PeerPolicy.ADMIT_ALL);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            bc32 = context.exportKeyingMaterial(LABEL, null, 32);
            bc100 = context.exportKeyingMaterial("EXPORTER-other", null, 100);
        }
    }

    private static final class CapturingClient extends SessionTlsClient {
        byte[] bc32;

        CapturingClient(Identity identity, Fingerprint server) {
            super(Tls13Profile.crypto(), identity, server);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            bc32 = context.exportKeyingMaterial(LABEL, null, 32);
        }
    }

    @Test
    void export_afterHandshake_equalsBouncyCastleExporterAtCompletion() throws Exception {
        Identity gateway = Identity.generate("gateway");
        Identity camera = Identity.generate("camera");
        CapturingServer server = new CapturingServer(gateway);
        CapturingClient client = new CapturingClient(camera, gateway.fingerprint());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (LoopbackLink link = LoopbackLink.open()) {
            TlsServerProtocol serverProtocol =
                    new TlsServerProtocol(link.serverSide.getInputStream(), link.serverSide.getOutputStream());
            Future<?> accepted = thread.submit(() -> {
                serverProtocol.accept(server);
                return null;
            });
            new TlsClientProtocol(link.clientSide.getInputStream(), link.clientSide.getOutputStream()).connect(client);
            accepted.get(10, TimeUnit.SECONDS);

            // the handshake is over: BC itself can no longer export
            assertThrows(IllegalStateException.class, () -> server.context().exportKeyingMaterial(LABEL, null, 32));

            assertArrayEquals(server.bc32, server.exporter().export(LABEL, 32));
            assertArrayEquals(client.bc32, client.exporter().export(LABEL, 32));
            assertArrayEquals(server.bc32, client.bc32);
            assertArrayEquals(server.bc100, server.exporter().export("EXPORTER-other", 100));

            server.exporter().destroy();
            assertThrows(IllegalStateException.class, () -> server.exporter().export(LABEL, 32));
        } finally {
            thread.shutdownNow();
        }
    }
}
