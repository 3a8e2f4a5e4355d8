package io.motam.gateway.http;

import io.motam.domain.CommandKind;
import io.motam.domain.FileKind;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.backup.StoredFile;
import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.CameraTarget;
import io.motam.gateway.state.CommandOutcome;
import io.motam.gateway.state.SystemStateController;
import io.motam.protocol.message.Identifiers;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The status page, the pairing QR, the latest snapshot, and the page's own command forms. */
@Path("/")
@Blocking
public class StatusResource {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StatusResource.class);
    /** Events shown on the page. */
    static final int EVENTS_SHOWN = 15;
    /** Decisions shown on the page. */
    static final int DECISIONS_SHOWN = 10;

    @Inject
    SystemStateController state;

    @Inject
    PairingDesk desk;

    @Inject
    CameraRegistry registry;

    @Inject
    BackupStore backups;

    @Inject
    AuditLog audit;

    @Inject
    Operator operator;

    @Inject
    GatewayConfig gateway;

    @Inject
    EventJournal journal;

    @Inject
    ApiToken token;

    /**
     * The page's sign-in: a right token sets the page's cookie (HttpOnly, SameSite=Strict, for
     * this gateway only); a wrong one is refused and logged.
     */
    @POST
    @Path("ui/login")
    public Response login(byte[] body, @HeaderParam("Content-Type") String type) {
        String presented;
        try {
            presented = RequestFields.parse(body, type).text("token").orElse("");
        } catch (RequestFields.MalformedRequestException e) {
            return back(CommandOutcome.refused(e.getMessage()), null);
        }
        if (!token.matches(presented)) {
            LOG.info("status page sign-in refused: wrong API token");
            return back(CommandOutcome.refused("wrong token"), null);
        }
        return Response.seeOther(URI.create("/?msg=signed+in"))
                .header("Set-Cookie", ApiAuth.COOKIE + "=" + presented.trim() + "; Path=/; HttpOnly; SameSite=Strict")
                .build();
    }

    @POST
    @Path("ui/logout")
    public Response logout() {
        return Response.seeOther(URI.create("/?msg=signed+out"))
                .header("Set-Cookie", ApiAuth.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
                .build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(
            @QueryParam("msg") String message,
            @CookieParam(ApiAuth.COOKIE) String cookie,
            @HeaderParam("Authorization") String authorization) {
        var decisions = audit.recent();
        decisions = decisions.subList(Math.max(0, decisions.size() - DECISIONS_SHOWN), decisions.size());
        var status = state.status();
        StatusPage.Model m = new StatusPage.Model(
                gateway.id(),
                status,
                state::needsCode,
                status.stoppedAll() ? io.motam.domain.SystemState.STOPPED : io.motam.domain.SystemState.RUNNING,
                desk.current(),
                registry.all(),
                backups.latest(FileKind.SNAPSHOT),
                JournalTail.last(journal, EVENTS_SHOWN),
                decisions,
                message,
                token.authorises(authorization, cookie));
        return Response.ok(StatusPage.render(m))
                .header("Cache-Control", "no-store")
                .header(
                        "Content-Security-Policy",
                        "default-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .header("X-Frame-Options", "DENY")
                .build();
    }

    @GET
    @Path("pairing/qr.png")
    @Produces("image/png")
    public Response qr() {
        return desk.qrPng()
                .map(png -> Response.ok(png).header("Cache-Control", "no-store").build())
                .orElse(Response.status(404).build());
    }

    @GET
    @Path("snapshot/latest")
    public Response snapshot() {
        Optional<StoredFile> f = backups.latest(FileKind.SNAPSHOT);
        if (f.isEmpty()) {
            return Response.status(404).build();
        }
        try {
            byte[] bytes = backups.readVerified(f.get());
            return Response.ok(bytes)
                    .type(imageType(f.get().name()))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (IOException e) {
            return Response.status(404).build(); // corrupt or gone: never shown
        }
    }

    @POST
    @Path("ui/{action}")
    public Response form(@PathParam("action") String action, byte[] body, @HeaderParam("Content-Type") String type) {
        if (action.equals("pair")) {
            return back(operator.pair("page"), "pairing offer opened");
        }
        Optional<CommandKind> kind = CommandKind.fromName(action);
        if (kind.isEmpty()) {
            return Response.status(404).build();
        }
        RequestFields fields;
        try {
            fields = RequestFields.parse(body, type);
        } catch (RequestFields.MalformedRequestException e) {
            return back(CommandOutcome.refused(e.getMessage()), null);
        }
        CameraTarget target;
        try {
            target = CameraTarget.parse(fields.text("camera").orElse(null));
        } catch (IllegalArgumentException e) {
            return back(CommandOutcome.refused(e.getMessage()), null);
        }
        char[] code = fields.code();
        try {
            return back(
                    operator.apply(kind.get(), target, code, null, "page"),
                    action + (target.kind() == CameraTarget.Kind.UNADDRESSED ? "" : " of " + target.label())
                            + " accepted");
        } finally {
            if (code != null) {
                Arrays.fill(code, '\0');
            }
        }
    }

    @POST
    @Path("ui/revoke/{id}")
    public Response revoke(@PathParam("id") String id) {
        if (!Identifiers.ID.matcher(id).matches()) {
            return Response.status(400).build();
        }
        return back(operator.revoke(id, "page"), "camera " + id + " revoked");
    }

    private static Response back(CommandOutcome o, String ok) {
        String msg = o.accepted() ? ok : "refused: " + o.reason();
        return Response.seeOther(URI.create("/?msg=" + URLEncoder.encode(msg, StandardCharsets.UTF_8)))
                .build();
    }

    private static String imageType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        return n.endsWith(".jpg") || n.endsWith(".jpeg") ? "image/jpeg" : "application/octet-stream";
    }
}
