package io.motam.gateway.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Requires the {@link ApiToken} for every request that changes state or pairs (any method but
 * GET, HEAD and OPTIONS, except the page's login form) and for the two reads that reveal a secret
 * or evidence: the pairing QR and the latest snapshot. Read-only state stays open on the bound
 * address. A request without a valid token gets 401 and changes nothing.
 */
public class ApiAuth {
    private static final Logger LOG = Logger.getLogger(ApiAuth.class);
    /** The cookie the status page's login sets (HttpOnly, SameSite=Strict). */
    public static final String COOKIE = "motam_token";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> PROTECTED_READS = Set.of("/pairing/qr.png", "/snapshot/latest");
    static final String LOGIN = "/ui/login";

    @Inject
    ApiToken token;

    @ServerRequestFilter
    public Response check(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        boolean needed = SAFE_METHODS.contains(ctx.getMethod()) ? PROTECTED_READS.contains(path) : !path.equals(LOGIN);
        if (!needed || authorised(ctx)) {
            return null;
        }
        LOG.infof("HTTP %s %s refused: no valid API token", ctx.getMethod(), path);
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"motam\"")
                .type(MediaType.APPLICATION_JSON)
                .entity("{\"accepted\":false,\"reason\":\"a valid API token is required (Authorization: Bearer; "
                        + "the token is in the gateway's data directory, file " + ApiToken.FILE + ")\"}")
                .build();
    }

    /** Whether the request carries the token as a bearer header or the page's cookie. */
    boolean authorised(ContainerRequestContext ctx) {
        Cookie c = ctx.getCookies().get(COOKIE);
        return token.authorises(ctx.getHeaderString("Authorization"), c == null ? null : c.getValue());
    }
}
