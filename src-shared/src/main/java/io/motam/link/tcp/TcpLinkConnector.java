package io.motam.link.tcp;

import io.motam.link.Link;
import io.motam.link.LinkConnector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Opens TCP links to a gateway, with a connect timeout. */
public final class TcpLinkConnector implements LinkConnector {
    private final String host;
    private final int port;
    private final Duration connectTimeout;

    public TcpLinkConnector(String host, int port, Duration connectTimeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be within 1..65535 but was " + port);
        }
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
    }

    /** Parses {@code tcp:host:port} as written in a pairing offer. */
    public static TcpLinkConnector forEndpoint(String endpoint, Duration connectTimeout) {
        if (endpoint == null || !endpoint.startsWith("tcp:")) {
            throw new IllegalArgumentException("expected an endpoint tcp:<host>:<port> but was '" + endpoint + "'");
        }
        String rest = endpoint.substring(4);
        int colon = rest.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected an endpoint tcp:<host>:<port> but was '" + endpoint + "'");
        }
        try {
            return new TcpLinkConnector(
                    rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)), connectTimeout);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in endpoint '" + endpoint + "'");
        }
    }

    @Override
    public Link connect() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return TcpLink.of(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "tcp:" + host + ":" + port;
    }
}
