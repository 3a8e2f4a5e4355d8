package io.motam.link.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.link.Link;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpLinkTest {

    @Test
    void connect_acceptedLink_carriesBytesBothWays() throws Exception {
        try (TcpLinkAcceptor acceptor = new TcpLinkAcceptor("127.0.0.1", 0)) {
            CompletableFuture<Link> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return acceptor.accept();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Link client = TcpLinkConnector.forEndpoint(acceptor.endpoint(), Duration.ofSeconds(2))
                    .connect();
            Link server = accepted.get(5, TimeUnit.SECONDS);
            client.output().write(new byte[] {1, 2, 3});
            client.output().flush();
            assertArrayEquals(new byte[] {1, 2, 3}, server.input().readNBytes(3));
            server.output().write(9);
            server.output().flush();
            assertEquals(9, client.input().read());
            assertTrue(server.peerAddress().startsWith("tcp:127.0.0.1:"), server.peerAddress());
            client.close();
            assertEquals(-1, server.input().read(), "the peer sees the end of the stream after close");
            server.close();
            server.close(); // idempotent
        }
    }

    @Test
    void endpoint_namesTheBoundPort() throws Exception {
        try (TcpLinkAcceptor acceptor = new TcpLinkAcceptor("127.0.0.1", 0)) {
            assertEquals("tcp:127.0.0.1:" + acceptor.port(), acceptor.endpoint());
        }
    }

    @Test
    void connect_nobodyListening_throwsIOException() throws Exception {
        int port;
        try (TcpLinkAcceptor a = new TcpLinkAcceptor("127.0.0.1", 0)) {
            port = a.port();
        }
        TcpLinkConnector c = new TcpLinkConnector("127.0.0.1", port, Duration.ofSeconds(1));
        assertThrows(IOException.class, c::connect);
    }

    @Test
    void forEndpoint_malformed_isRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TcpLinkConnector.forEndpoint("bt:AA:BB", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("bt:AA:BB"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> TcpLinkConnector.forEndpoint("tcp:host:port", Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> TcpLinkConnector.forEndpoint("tcp:host:70000", Duration.ofSeconds(1)));
    }
}
