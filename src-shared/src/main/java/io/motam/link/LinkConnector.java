package io.motam.link;

import java.io.IOException;

/** The camera side: opens a link to the gateway. */
@FunctionalInterface
public interface LinkConnector {

    Link connect() throws IOException;
}
