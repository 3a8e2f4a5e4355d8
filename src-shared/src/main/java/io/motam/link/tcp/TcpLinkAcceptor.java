package io.motam.link.tcp;

import io.motam.link.Link;
import io.motam.link.LinkAcceptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Accepts camera links on a TCP port. Port 0 picks a free port (see {@link #port()}). */
public final class TcpLinkAcceptor implements LinkAcceptor {
    /** Connections the kernel queues before {@link #accept} takes them, unless told otherwise. */
    public static final int DEFAULT_BACKLOG = 50;

    private final ServerSocket server;

    public TcpLinkAcceptor(String host, int port) throws IOException {
        this(host, port, DEFAULT_BACKLOG);
    }

    /** @param backlog connections the kernel queues before they are accepted (at least 1) */
    public TcpLinkAcceptor(String host, int port, int backlog) throws IOException {
        if (backlog < 1) {
            throw new IllegalArgumentException("expected a backlog >= 1 but was " + backlog);
        }
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), backlog);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public Link accept() throws IOException {
        return TcpLink.of(server.accept());
    }

    @Override
    public String endpoint() {
        return "tcp:" + server.getInetAddress().getHostAddress() + ":" + port();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
