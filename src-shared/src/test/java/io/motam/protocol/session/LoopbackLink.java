package io.motam.protocol.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A connected pair of TCP sockets on 127.0.0.1, both with TCP_NODELAY. */
final class LoopbackLink implements AutoCloseable {

    final Socket serverSide;
    final Socket clientSide;

    private LoopbackLink(Socket serverSide, Socket clientSide) {
        this.serverSide = serverSide;
        this.clientSide = clientSide;
    }

    static LoopbackLink open() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket client = new Socket();
            client.setTcpNoDelay(true);
            client.connect(listener.getLocalSocketAddress(), 2_000);
            Socket server = listener.accept();
            server.setTcpNoDelay(true);
            // a broken test must fail, not hang
            server.setSoTimeout(10_000);
            client.setSoTimeout(10_000);
            return new LoopbackLink(server, client);
        }
    }

    @Override
    public void close() throws IOException {
        try (clientSide;
                serverSide) {
            // closes both
        }
    }
}
