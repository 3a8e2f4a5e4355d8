package io.motam.protocol.session;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsProtocol;
import org.jboss.logging.Logger;

/**
 * An established, mutually authenticated TLS 1.3 session over some pair of streams (a TCP socket,
 * an RFCOMM channel), made by {@link SessionServer#accept} or {@link SessionClient#connect}.
 *
 * <p>Establishment, as seen on the wire:
 *
 * <pre>
 *  client (camera)                                     server (gateway)
 *  ClientHello (TLS 1.3 only, key share)   --------&gt;
 *                                          &lt;--------  ServerHello
 *                                                      {EncryptedExtensions}
 *                                                      {CertificateRequest: ecdsa_secp256r1_sha256}
 *  pin: SHA-256(server SPKI) == expected?  &lt;--------  {Certificate, CertificateVerify, Finished}
 *  {Certificate, CertificateVerify, Finished} ------&gt;
 *                                                      PeerPolicy.admit(SHA-256(client SPKI))?
 *  connect() returns                       &lt;--------  [0x01]  admission byte (application data)
 *                                                      or alert bad_certificate
 *  [application data]                      &lt;-------&gt;  [application data]
 * </pre>
 *
 * <p>The admission byte exists because in TLS 1.3 the client's handshake is over once it has
 * sent its Finished: without it a client refused by the server would only find out on its first
 * read. With it, {@code connect} returns only once the server has admitted the client, and a
 * refusal surfaces there as {@link SessionException.Reason#PEER_REJECTED}. Both ends consume it
 * inside this package; {@link #in()} starts after it.
 *
 * <p>{@link #in()} and {@link #out()} may be used by one reading and one writing thread at the
 * same time (BC serialises record writes separately from reads).
 */
public final class SecureSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SecureSession.class);

    /** Longest {@link #exporter} output; HKDF could give more, no caller needs more. */
    public static final int MAX_EXPORTER_LENGTH = 255;

    /** Longest exporter label: HkdfLabel's label is at most 255 bytes including {@code "tls13 "}. */
    public static final int MAX_EXPORTER_LABEL_LENGTH = 255 - "tls13 ".length();

    private final TlsProtocol protocol;
    private final TlsContext context;
    private final SessionExporter exporter;
    private final Fingerprint peer;
    private final InputStream transportIn;
    private final OutputStream transportOut;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InputStream appIn;
    private final RecordPacker appOut;

    SecureSession(
            TlsProtocol protocol,
            TlsContext context,
            SessionExporter exporter,
            Fingerprint peer,
            InputStream transportIn,
            OutputStream transportOut) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.context = Objects.requireNonNull(context, "context");
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.transportIn = transportIn;
        this.transportOut = transportOut;
        this.appIn = new AlertTranslatingInput(protocol.getInputStream());
        this.appOut = new RecordPacker(protocol.getOutputStream());
    }

    /**
     * Decrypted application data from the peer; end of stream after the peer's close_notify. A
     * record that fails authentication raises {@link RecordRejectedException}.
     */
    public InputStream in() {
        return appIn;
    }

    /**
     * Application data to the peer, packed into full records of 16 KiB (see {@link RecordPacker});
     * nothing smaller is sent before {@code flush()}.
     */
    public OutputStream out() {
        return appOut;
    }

    /** The fingerprint of the peer's authenticated key. */
    public Fingerprint peer() {
        return peer;
    }

    /** Whether this end accepted (true) or connected (false). */
    public boolean isServer() {
        return context.isServer();
    }

    /** The cipher suite of this session, e.g. {@code TLS_CHACHA20_POLY1305_SHA256}. */
    public String cipherSuite() {
        return Tls13Profile.suiteName(context.getSecurityParameters().getCipherSuite());
    }

    /** The key exchange group of this session, e.g. {@code x25519} or {@code secp256r1}. */
    public String keyExchangeGroup() {
        return NamedGroup.getName(context.getSecurityParameters().getNegotiatedGroup());
    }

    /**
     * Keying material bound to this session (RFC 8446 §7.5 exporter, with an empty context):
     * both ends get the same bytes for the same label, and any other session (including one a
     * man in the middle holds with either end) gets different bytes. Used to bind pairing proofs
     * to the session they are sent over. (Bouncy Castle forgets the exporter secret right after
     * the handshake; see {@link SessionExporter} for how it is kept.)
     *
     * @param label an ASCII label such as {@code "EXPORTER-motam-pairing-v1"}
     * @param length 1..{@value #MAX_EXPORTER_LENGTH} bytes
     * @throws IllegalStateException once the session is closed
     */
    public byte[] exporter(String label, int length) {
        Objects.requireNonNull(label, "label");
        if (label.isEmpty()
                || label.length() > MAX_EXPORTER_LABEL_LENGTH
                || !label.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("expected an exporter label of 1.." + MAX_EXPORTER_LABEL_LENGTH
                    + " printable ASCII characters but was \"" + label + "\"");
        }
        if (length < 1 || length > MAX_EXPORTER_LENGTH) {
            throw new IllegalArgumentException(
                    "expected an exporter length of 1.." + MAX_EXPORTER_LENGTH + " but was " + length);
        }
        return exporter.export(label, length);
    }

    /**
     * Sends close_notify and closes the underlying streams. Idempotent.
     *
     * @throws IOException if sending close_notify or closing the transport fails (it is closed
     *         as far as possible anyway)
     */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        exporter.destroy();
        IOException failure = null;
        try {
            appOut.flush();
        } catch (IOException e) {
            failure = e;
        }
        try {
            protocol.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        failure = closeTransport(transportIn, transportOut, failure);
        LOG.infof("Closed TLS session with %s", peer);
        if (failure != null) {
            throw failure;
        }
    }

    /** Tears down a protocol whose handshake failed; nothing is thrown. */
    static void abort(TlsProtocol protocol, InputStream in, OutputStream out) {
        try {
            protocol.close();
        } catch (IOException | RuntimeException e) {
            // the handshake already failed; the cause is what the caller reports
        }
        closeTransport(in, out, null);
    }

    private static IOException closeTransport(InputStream in, OutputStream out, IOException failure) {
        try {
            out.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        try {
            in.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        return failure;
    }

    /** Turns BC's fatal alerts on the read side into {@link RecordRejectedException}. */
    private static final class AlertTranslatingInput extends FilterInputStream {
        AlertTranslatingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (TlsFatalAlert e) {
                throw translate(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (TlsFatalAlert e) {
                throw translate(e);
            }
        }

        private static RecordRejectedException translate(TlsFatalAlert e) {
            return new RecordRejectedException(
                    e.getAlertDescription(), AlertDescription.getText(e.getAlertDescription()), e);
        }
    }

    @Override
    public String toString() {
        return "SecureSession[" + (isServer() ? "server" : "client") + ", peer=" + peer
                + (closed.get() ? ", closed" : "") + "]";
    }
}
