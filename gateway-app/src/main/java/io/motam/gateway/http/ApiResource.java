package io.motam.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.CommandKind;
import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.backup.StoredFile;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.CameraTarget;
import io.motam.gateway.state.CommandOutcome;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.state.SystemStatus;
import io.motam.protocol.message.Identifiers;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The local operator API (JSON). Commands answer 200 with {@code {"accepted":true,"reason":"ok"}}
 * or 409 with the reason they were refused; a malformed body gets 400. State commands name their
 * camera with {@code ?camera=<id>} or {@code ?camera=*} (all), or the body field {@code camera}. See
 * docs/gateway.md.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ApiResource {
    @Inject
    Operator operator;

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
    ObjectMapper mapper;

    /**
     * The system state, whether the operator stopped all cameras, every camera keyed by id (its
     * state, link, mode, alerts, release epoch, and whether it is authorised), and the pairing offer.
     */
    @GET
    @Path("status")
    public ObjectNode status() {
        SystemStatus s = state.status();
        ObjectNode n = mapper.createObjectNode();
        n.put("system", s.system().name())
                .put("stoppedAll", s.stoppedAll())
                .put("changedAt", s.changedAt().toString());
        n.put("releaseCodeRequired", state.needsCode(CommandKind.RELEASE));
        desk.current()
                .ifPresentOrElse(
                        o -> n.putObject("pairing")
                                .put("open", true)
                                .put("expiresAt", o.expiresAt().toString())
                                .put("endpoint", o.endpoint()),
                        () -> n.putObject("pairing").put("open", false));
        ObjectNode cams = n.putObject("cameras");
        java.util.Set<String> authorised = new java.util.TreeSet<>();
        registry.all().forEach(c -> authorised.add(c.id()));
        java.util.Set<String> ids = new java.util.TreeSet<>(s.cameras().keySet());
        ids.addAll(authorised);
        for (String id : ids) {
            ObjectNode c = cams.putObject(id).put("authorised", authorised.contains(id));
            s.camera(id)
                    .ifPresentOrElse(
                            cs -> c.put("state", cs.state().name())
                                    .put("link", cs.connected() ? "connected" : "disconnected")
                                    .put(
                                            "mode",
                                            cs.mode() == null ? null : cs.mode().name())
                                    .put("alertCount", cs.alertCount())
                                    .put(
                                            "lastSeen",
                                            cs.lastSeen() == null
                                                    ? null
                                                    : cs.lastSeen().toString())
                                    .put("releaseEpoch", cs.releaseEpoch()),
                            () -> c.put("state", state.cameraState(id).name()).put("link", "disconnected"));
        }
        return n;
    }

    @GET
    @Path("cameras")
    public ArrayNode cameras() {
        ArrayNode arr = mapper.createArrayNode();
        for (AuthorisedCamera c : registry.all()) {
            arr.addObject()
                    .put("id", c.id())
                    .put("fingerprint", c.fingerprint())
                    .put("address", c.address())
                    .put("pairedAt", c.pairedAt().toString())
                    .put("lastSeen", c.lastSeen() == null ? null : c.lastSeen().toString());
        }
        return arr;
    }

    @POST
    @Path("pair")
    public Response pair() {
        Operator.PairResult r = operator.issueOffer("http");
        ObjectNode n = outcome(r.outcome());
        r.offer()
                .ifPresent(o -> n.put("expiresAt", o.expiresAt().toString())
                        .put("endpoint", o.endpoint())
                        .put("offer", o.encode()));
        return Response.status(r.outcome().accepted() ? 200 : 409).entity(n).build();
    }

    @POST
    @Path("cameras/{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        if (!Identifiers.ID.matcher(id).matches()) {
            return Response.status(400)
                    .entity(outcome(CommandOutcome.refused("bad camera id")))
                    .build();
        }
        CommandOutcome o = operator.revoke(id, "http");
        return Response.status(o.accepted() ? 200 : 404).entity(outcome(o)).build();
    }

    @POST
    @Path("stop")
    public Response stop(@QueryParam("camera") String camera, byte[] body, @HeaderParam("Content-Type") String type) {
        return command(CommandKind.STOP, camera, body, type);
    }

    @POST
    @Path("resume")
    public Response resume(@QueryParam("camera") String camera, byte[] body, @HeaderParam("Content-Type") String type) {
        return command(CommandKind.RESUME, camera, body, type);
    }

    @POST
    @Path("release")
    public Response release(
            @QueryParam("camera") String camera, byte[] body, @HeaderParam("Content-Type") String type) {
        return command(CommandKind.RELEASE, camera, body, type);
    }

    @GET
    @Path("backups")
    public ArrayNode backups(@QueryParam("camera") String camera) {
        ArrayNode arr = mapper.createArrayNode();
        for (BackupStore.Listed l : backups.list(Optional.ofNullable(camera))) {
            StoredFile f = l.file();
            arr.addObject()
                    .put("camera", f.cameraId())
                    .put("kind", io.motam.gateway.backup.Kinds.label(f.kind()))
                    .put("path", f.relative())
                    .put("size", f.size())
                    .put("sha256", f.sha256())
                    .put("storedAt", f.storedAt().toString())
                    .put("integrity", l.integrity().name());
        }
        return arr;
    }

    @GET
    @Path("audit")
    public ArrayNode audit(@QueryParam("limit") Integer limit) {
        List<AuditEntry> recent = audit.recent();
        int max = limit == null ? recent.size() : Math.max(0, Math.min(limit, recent.size()));
        ArrayNode arr = mapper.createArrayNode();
        for (AuditEntry e : recent.subList(recent.size() - max, recent.size())) {
            arr.addObject()
                    .put("n", e.n())
                    .put("ts", e.at().toString())
                    .put("action", e.action())
                    .put("camera", e.cameraId())
                    .put("fingerprint", e.fingerprint())
                    .put("address", e.address())
                    .put("reason", e.reason());
        }
        return arr;
    }

    /**
     * A state command, addressed by the query parameter {@code camera} or the body field
     * {@code camera} (a camera id, or {@code *} for all; both given must agree).
     */
    private Response command(CommandKind kind, String cameraParam, byte[] body, String contentType) {
        RequestFields fields;
        try {
            fields = RequestFields.parse(body, contentType);
        } catch (RequestFields.MalformedRequestException e) {
            return Response.status(400)
                    .entity(outcome(CommandOutcome.refused(e.getMessage())))
                    .build();
        }
        char[] code = fields.code();
        try {
            Optional<String> id = fields.text("id");
            if (id.isPresent() && !Identifiers.ID.matcher(id.get()).matches()) {
                return Response.status(400)
                        .entity(outcome(CommandOutcome.refused("id must match " + Identifiers.ID.pattern())))
                        .build();
            }
            CameraTarget target;
            try {
                target = target(cameraParam, fields.text("camera").orElse(null));
            } catch (IllegalArgumentException e) {
                return Response.status(400)
                        .entity(outcome(CommandOutcome.refused(e.getMessage())))
                        .build();
            }
            CommandOutcome o = operator.apply(kind, target, code, id.orElse(null), "http");
            return Response.status(o.accepted() ? 200 : 409).entity(outcome(o)).build();
        } finally {
            if (code != null) {
                Arrays.fill(code, '\0');
            }
        }
    }

    /** The addressee from the query and the body: either, or both when they agree. */
    static CameraTarget target(String query, String body) {
        CameraTarget q = CameraTarget.parse(query);
        CameraTarget b = CameraTarget.parse(body);
        if (q.kind() != CameraTarget.Kind.UNADDRESSED && b.kind() != CameraTarget.Kind.UNADDRESSED && !q.equals(b)) {
            throw new IllegalArgumentException(
                    "camera in the query (" + q.label() + ") and the body (" + b.label() + ") differ");
        }
        return q.kind() != CameraTarget.Kind.UNADDRESSED ? q : b;
    }

    private ObjectNode outcome(CommandOutcome o) {
        ObjectNode n = mapper.createObjectNode();
        n.put("accepted", o.accepted()).put("reason", o.reason());
        return n;
    }
}
