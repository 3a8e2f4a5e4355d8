package io.motam.gateway.testing;

import io.motam.link.Link;
import io.motam.link.tcp.TcpLinkConnector;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.message.Hello;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.PairProof;
import io.motam.protocol.pairing.PairingProof;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.SecureSession;
import io.motam.protocol.session.SessionClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A camera for gateway tests: its own key, the real TCP link and TLS session, HELLO and (when
 * pairing) PAIR_PROOF, then the gateway's first answer.
 */
public final class TestCamera implements AutoCloseable {
    private static final int MAX_PAYLOAD = 65792;
    private final String id;
    private final Identity identity;
    private SecureSession session;
    private FrameReader reader;
    private FrameWriter writer;
    private InetAddress local;

    public TestCamera(String id) {
        this.id = id;
        this.identity = Identity.generate("motam-camera-" + id);
    }

    public Fingerprint fingerprint() {
        return identity.fingerprint();
    }

    /**
     * Connects from this local address (any of 127.0.0.0/8 on loopback), so that the gateway sees
     * another source; by default the system picks it.
     */
    public TestCamera from(String localAddress) throws IOException {
        local = InetAddress.getByName(localAddress);
        return this;
    }

    /**
     * Connects and says HELLO; with a secret, proves it. Returns the gateway's first message
     * (WELCOME or CLOSE); throws when the gateway refuses the key or ends the link.
     */
    public Message connect(String endpoint, Fingerprint gateway, byte[] pairingSecret) throws IOException {
        close();
        if (local == null) {
            Link link = TcpLinkConnector.forEndpoint(endpoint, Duration.ofSeconds(5))
                    .connect();
            session = SessionClient.connect(link.input(), link.output(), identity, gateway);
        } else {
            Socket socket = connectFrom(local, endpoint);
            session = SessionClient.connect(socket.getInputStream(), socket.getOutputStream(), identity, gateway);
        }
        reader = new FrameReader(session.in(), MAX_PAYLOAD);
        writer = new FrameWriter(session.out(), MAX_PAYLOAD);
        writer.write(MessageCodec.toFrame(new Hello(1, 1, id), 0));
        if (pairingSecret != null) {
            byte[] exporter = session.exporter(PairingProof.EXPORTER_LABEL, PairingProof.EXPORTER_LENGTH);
            writer.write(MessageCodec.toFrame(
                    new PairProof(PairingProof.compute(pairingSecret, exporter, identity.fingerprint())), 0));
        }
        return MessageCodec.decode(reader.readRequired());
    }

    /** A plain TCP socket from {@code local} to {@code tcp:<host>:<port>}, with TCP_NODELAY. */
    public static Socket connectFrom(InetAddress local, String endpoint) throws IOException {
        String hostPort = endpoint.substring("tcp:".length());
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(
                    new InetSocketAddress(
                            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    5000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code m} as frame number {@code sequence} (events are numbered from 1). */
    public void send(Message m, long sequence) throws IOException {
        writer.write(MessageCodec.toFrame(m, sequence));
    }

    /** The next message from the gateway (blocks). */
    public Message next() throws IOException {
        return MessageCodec.decode(reader.readRequired());
    }

    @Override
    public void close() {
        if (session != null) {
            try {
                session.close();
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
            session = null;
        }
    }
}
