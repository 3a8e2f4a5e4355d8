package io.motam.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * {@code motam.http.*}: the status page and local API ({@code quarkus.http.host/port} follow
 * these keys in application.properties).
 */
@ConfigMapping(prefix = "motam.http")
public interface HttpConfig {

    /** Address the page and API listen on; loopback keeps them on this machine. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the page and API (also what the command-line entry calls). */
    @WithDefault("8420")
    int port();

    /**
     * Host names (besides IP literals and {@code localhost}) accepted in the {@code Host}
     * header; anything else is refused, against DNS rebinding.
     */
    Optional<List<String>> allowedHosts();
}
