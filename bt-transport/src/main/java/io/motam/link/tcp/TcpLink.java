package io.motam.link.tcp;

import io.motam.link.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A link over a connected TCP socket (development, tests, boards without Bluetooth). */
final class TcpLink implements Link {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    TcpLink(Socket socket) throws IOException {
        socket.setTcpNoDelay(true); // without it, small frames stall ~40 ms behind delayed acks
        socket.setKeepAlive(true);
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public String peerAddress() {
        return "tcp:" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a dead socket: nothing left to release
        }
    }

    @Override
    public String toString() {
        return "TcpLink[" + peerAddress() + "]";
    }
}
