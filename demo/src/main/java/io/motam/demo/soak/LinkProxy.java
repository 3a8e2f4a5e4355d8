package io.motam.demo.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback between the camera and the gateway's link port, so that the soak can
 * cut the link: {@link #cut} closes both sockets of every relayed connection at once, as a
 * pulled cable or a jammed radio does. It understands nothing of what it relays.
 *
 * <p>Bounded: at most {@value #MAX_PAIRS} relayed connections at a time; one more is closed at
 * once.
 */
public final class LinkProxy implements AutoCloseable {
    static final int MAX_PAIRS = 8;
    private static final int BUFFER = 64 * 1024;

    private record Pair(Socket camera, Socket gateway) {
        void close() {
            quietly(camera);
            quietly(gateway);
        }
    }

    private final int targetPort;
    private final ServerSocket server;
    private final List<Pair> pairs = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    public LinkProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "soak-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private volatile boolean down;

    /** Cuts the link and keeps it down: new connections are closed at once until {@link #up}. */
    public void down() {
        down = true;
        cut();
    }

    /** Relays new connections again after {@link #down}. */
    public void up() {
        down = false;
    }

    /** Closes every relayed connection now; new connections are relayed as before. */
    public int cut() {
        List<Pair> open;
        synchronized (pairs) {
            open = List.copyOf(pairs);
            pairs.clear();
        }
        open.forEach(Pair::close);
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket camera;
            try {
                camera = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (down) {
                quietly(camera);
                continue;
            }
            Socket gateway = new Socket();
            try {
                camera.setTcpNoDelay(true);
                gateway.setTcpNoDelay(true);
                gateway.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            } catch (IOException gatewayDown) {
                quietly(camera);
                quietly(gateway);
                continue;
            }
            Pair pair = new Pair(camera, gateway);
            synchronized (pairs) {
                if (pairs.size() >= MAX_PAIRS) {
                    pair.close();
                    continue;
                }
                pairs.add(pair);
            }
            pump(pair, camera, gateway, "camera->gateway");
            pump(pair, gateway, camera, "gateway->camera");
        }
    }

    private void pump(Pair pair, Socket from, Socket to, String direction) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[BUFFER];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException ended) {
                        // one side closed or was cut: the pair ends
                    } finally {
                        synchronized (pairs) {
                            pairs.remove(pair);
                        }
                        pair.close();
                    }
                },
                "soak-proxy-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cut();
    }
}
