package io.motam.protocol.uplink;

import io.motam.link.Link;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameFormat;
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

/** A camera driven by hand, frame by frame, to send what a real camera never would. */
public final class RawCamera implements AutoCloseable {
    final Link link;
    final Identity identity;
    final SecureSession session;
    final FrameWriter writer;
    final FrameReader reader;

    private RawCamera(Link link, Identity identity, SecureSession session) {
        this.link = link;
        this.identity = identity;
        this.session = session;
        this.writer = new FrameWriter(session.out(), FrameFormat.MAX_PAYLOAD_CEILING);
        this.reader = new FrameReader(session.in(), FrameFormat.MAX_PAYLOAD_CEILING);
    }

    public static RawCamera connect(Link t, Identity identity, Fingerprint gateway) throws IOException {
        return new RawCamera(t, identity, SessionClient.connect(t.input(), t.output(), identity, gateway));
    }

    public RawCamera hello(String cameraId) throws IOException {
        return send(new Hello(1, 2, cameraId));
    }

    public RawCamera send(Message m) throws IOException {
        return send(m, 0);
    }

    public RawCamera send(Message m, long sequence) throws IOException {
        writer.write(MessageCodec.toFrame(m, sequence));
        return this;
    }

    RawCamera send(Frame f) throws IOException {
        writer.write(f);
        return this;
    }

    /** Bytes straight into the session, bypassing the frame writer. */
    RawCamera raw(byte[] bytes) throws IOException {
        session.out().write(bytes);
        session.out().flush();
        return this;
    }

    public byte[] proof(byte[] secret) {
        return PairingProof.compute(secret, PairingProof.sessionExporter(session), identity.fingerprint());
    }

    public RawCamera prove(byte[] secret) throws IOException {
        return send(new PairProof(proof(secret)));
    }

    public Message next() throws IOException {
        return MessageCodec.decode(reader.readRequired());
    }

    /** The next message that is not a keepalive. */
    public Message nextNotPing() throws IOException {
        while (true) {
            Message m = next();
            if (!(m instanceof io.motam.protocol.message.Ping) && !(m instanceof io.motam.protocol.message.Pong)) {
                return m;
            }
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
