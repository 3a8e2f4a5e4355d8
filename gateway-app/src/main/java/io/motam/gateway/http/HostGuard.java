package io.motam.gateway.http;

import io.motam.gateway.config.HttpConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Keeps other web sites out of the local page and API (which show the pairing secret and change
 * the system state):
 * <ul>
 * <li>the {@code Host} header must be an IP literal, {@code localhost} or a name in
 * {@code motam.http.allowed-hosts} (a DNS-rebinding page carries its own name);</li>
 * <li>a POST that carries an {@code Origin} must come from this very host (the status page's own
 * forms do; {@code curl} sends none), and one marked {@code Sec-Fetch-Site: cross-site} is
 * refused.</li>
 * </ul>
 */
public class HostGuard {
    private static final Logger LOG = Logger.getLogger(HostGuard.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    HttpConfig config;

    /** Returns a 403 to end the request, or {@code null} to let it through. */
    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext ctx) {
        String host = ctx.getHeaderString("Host");
        if (host == null) {
            host = ctx.getUriInfo().getRequestUri().getRawAuthority(); // HTTP/2 :authority
        }
        if (host == null || !hostAllowed(host)) {
            return refuse(ctx, "host " + host + " is not this gateway");
        }
        if (SAFE_METHODS.contains(ctx.getMethod())) {
            return null;
        }
        String origin = ctx.getHeaderString("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            return refuse(ctx, "cross-origin " + ctx.getMethod() + " from " + origin);
        }
        if ("cross-site".equalsIgnoreCase(ctx.getHeaderString("Sec-Fetch-Site"))) {
            return refuse(ctx, "cross-site " + ctx.getMethod());
        }
        return null;
    }

    boolean hostAllowed(String header) {
        String h = header.trim().toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0; // an IPv6 literal
        }
        int colon = h.lastIndexOf(':');
        name = colon >= 0 ? h.substring(0, colon) : h;
        if (name.equals("localhost") || IPV4.matcher(name).matches()) {
            return true;
        }
        List<String> allowed = config.allowedHosts().orElse(List.of());
        return allowed.stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }

    private static Response refuse(ContainerRequestContext ctx, String why) {
        LOG.warnf("http %s %s refused: %s", ctx.getMethod(), ctx.getUriInfo().getPath(), why);
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_PLAIN)
                .entity("forbidden\n")
                .build();
    }
}
