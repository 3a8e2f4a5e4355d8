package io.motam.link;

import java.io.Closeable;
import java.io.IOException;

/** The gateway side: waits for links from cameras. */
public interface LinkAcceptor extends Closeable {

    /** Blocks until a peer connects. Throws once the acceptor is closed. */
    Link accept() throws IOException;

    /** Where cameras reach this acceptor, e.g. {@code tcp:127.0.0.1:7420} (goes into the pairing offer). */
    String endpoint();
}
