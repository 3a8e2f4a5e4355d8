package io.motam.link.tcp;

import io.motam.link.Link;
import io.motam.link.LinkAcceptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Accepts camera links on a TCP port. Port 0 picks a free port (see {@link #port()}). */
public final class TcpLinkAcceptor implements LinkAcceptor {
    private final ServerSocket server;

    public TcpLinkAcceptor(String host, int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 4);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public Link accept() throws IOException {
        Socket s = server.accept();
        try {
            return new TcpLink(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
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
