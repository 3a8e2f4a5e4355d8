package io.motam.link.tcp;

import io.motam.link.Link;
import java.io.IOException;
import java.net.Socket;

/** Makes a {@link Link} of a connected TCP socket (development, tests, boards without Bluetooth). */
final class TcpLink {

    private TcpLink() {}

    /** The link over {@code socket}, set for small frames; the socket is closed if it cannot be used. */
    static Link of(Socket socket) throws IOException {
        try {
            socket.setTcpNoDelay(true); // without it, small frames stall ~40 ms behind delayed acks
            socket.setKeepAlive(true);
            return Link.of(
                    socket.getInputStream(),
                    socket.getOutputStream(),
                    "tcp:" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort(),
                    socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
