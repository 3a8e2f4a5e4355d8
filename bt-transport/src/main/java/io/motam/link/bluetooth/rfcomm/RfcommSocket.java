package io.motam.link.bluetooth.rfcomm;

import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Makes a {@link Link} of the RFCOMM socket BlueZ hands to {@code Profile1.NewConnection} as a Unix file
 * descriptor. junixsocket turns the descriptor into a {@link Socket} (its generic socket for
 * families it does not know, such as {@code AF_BLUETOOTH}; an {@code AF_UNIX} one in tests), set
 * to blocking mode (BlueZ passes it non-blocking); the link's peer address is {@code bt:<device
 * address>}. Closing the link shuts the socket down, so a
 * thread blocked reading it wakes at once with end of stream and the peer sees the link drop.
 *
 * <p>Descriptor ownership, which matters on a long-running gateway:
 * <ul>
 * <li>BlueZ keeps its own descriptor of the socket (to watch for hang-up), so only a
 * {@code shutdown} ends the RFCOMM connection; closing our descriptor would not.</li>
 * <li>junixsocket remembers every descriptor received on the D-Bus connection and closes it when
 * that connection closes, unless it was closed through the very {@code FileDescriptor} object it
 * made, which dbus-java does not pass on (only the number). Closing the number ourselves would
 * make junixsocket close it a second time later, by then perhaps another file's number. So the
 * link works on a duplicate ({@code dup}) that it shuts down and closes; the received number stays
 * with junixsocket until the D-Bus connection closes (one idle descriptor per connection
 * accepted).</li>
 * </ul>
 */
final class RfcommSocket {

    private static final Logger LOG = Logger.getLogger(RfcommSocket.class);

    private RfcommSocket() {}

    /**
     * Makes a link of received descriptor {@code fd} (a connected stream socket) by duplicating
     * it; {@code fd} itself is left to junixsocket (see the class comment).
     *
     * @param onClose told once when the link closes (to stop tracking it)
     * @throws IOException if the descriptor is not usable
     */
    static Link adopt(int fd, BluetoothAddress peer, Consumer<Link> onClose) throws IOException {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(onClose, "onClose");
        FileDescriptorCast own = FileDescriptorCast.duplicating(
                FileDescriptorCast.unsafeUsing(fd).getFileDescriptor());
        try {
            if (own.isAvailable(Socket.class)) {
                Socket socket = own.as(Socket.class);
                return link(peer, socket.getInputStream(), socket.getOutputStream(), socket, onClose);
            }
            // not a socket junixsocket can drive: plain streams; no shutdown, so the connection ends
            // only when BlueZ or the peer ends it
            LOG.warnf("Descriptor from BlueZ for %s is not a socket to junixsocket; using plain streams", peer);
            InputStream in = own.as(InputStream.class);
            OutputStream out = own.as(OutputStream.class);
            return link(peer, in, out, in, onClose);
        } catch (IOException | RuntimeException e) {
            closeDuplicate(own);
            throw e instanceof IOException io ? io : new IOException("cannot use descriptor " + fd + ": " + e, e);
        }
    }

    private static Link link(
            BluetoothAddress peer, InputStream in, OutputStream out, AutoCloseable resource, Consumer<Link> onClose) {
        AtomicReference<Link> self = new AtomicReference<>();
        Link link = Link.of(in, out, peer.toEndpoint(), () -> {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debugf("Closing the RFCOMM link to %s: %s", peer, e.getMessage());
            }
            onClose.accept(self.get());
            LOG.infof("RFCOMM link to %s closed", peer);
        });
        self.set(link);
        return link;
    }

    /** Ends a connection we were handed but will not use: shut down, so BlueZ sees it hang up. */
    static void discard(int fd, BluetoothAddress peer) {
        try {
            adopt(fd, peer, link -> {}).close();
        } catch (IOException e) {
            LOG.warnf("Cannot shut down refused descriptor %d: %s", fd, e.getMessage());
        }
    }

    private static void closeDuplicate(FileDescriptorCast cast) {
        try (FileInputStream owner = new FileInputStream(cast.getFileDescriptor())) {
            // closing the stream closes the duplicate
        } catch (IOException e) {
            LOG.debugf("Closing a duplicate descriptor: %s", e.getMessage());
        }
    }
}
