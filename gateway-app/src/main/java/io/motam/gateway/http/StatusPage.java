package io.motam.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.backup.StoredFile;
import io.motam.gateway.journal.JournalEntry;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.state.CameraStatus;
import io.motam.gateway.state.CameraTarget;
import io.motam.gateway.state.SystemStatus;
import io.motam.protocol.pairing.PairingOffer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * The status page: the Qute template {@code templates/StatusPage/page.html} (HTML-escaped by
 * Qute, the page refreshed by the browser every few seconds) filled from a {@link View} of
 * display strings, with forms for the operator's commands (posted to {@code /ui/*}): one for all
 * cameras and one per camera. Element ids are stable for tests and scripts: {@code system-state},
 * {@code camera-link}, {@code pairing}, {@code pairing-qr}, {@code snapshot}, {@code events},
 * {@code decisions}, {@code cameras} (a row {@code camera-<id>} per camera), the all-cameras
 * buttons {@code stop}, {@code resume}, {@code release}, and per camera {@code stop-<id>} ….
 */
@CheckedTemplate(basePath = "StatusPage", requireTypeSafeExpressions = false)
final class StatusPage {
    /** Seconds between automatic reloads. */
    static final int REFRESH_SECONDS = 3;

    /** What the resource knows; {@link #view} turns it into what the page shows. */
    record Model(
            String gatewayId,
            SystemStatus status,
            BiPredicate<CommandKind, CameraTarget> codeFor,
            SystemState stateOfUnknown,
            Optional<PairingOffer> offer,
            List<AuthorisedCamera> cameras,
            Optional<StoredFile> snapshot,
            List<JournalEntry> events,
            List<AuditEntry> decisions,
            String message,
            boolean signedIn) {}

    /** The page's content, every value a display string (never null). */
    @TemplateData
    record View(
            String gatewayId,
            String message,
            boolean signedIn,
            String system,
            String since,
            boolean stoppedAll,
            CommandForm systemCommand,
            List<CameraRow> cameras,
            long connected,
            boolean offerOpen,
            String offerExpiresAt,
            String offerEndpoint,
            String snapshotCamera,
            String snapshotAt,
            List<EventRow> events,
            List<DecisionRow> decisions,
            int refreshSeconds) {}

    /** A command button: posted to {@code /ui/<action>} with the hidden field {@code camera}. */
    @TemplateData
    record CommandForm(String action, String label, boolean needsCode, String camera, String buttonId) {}

    @TemplateData
    record CameraRow(
            String id,
            String state,
            String link,
            String mode,
            int alertCount,
            String lastSeen,
            boolean authorised,
            String fingerprint,
            String address,
            String pairedAt,
            CommandForm command) {}

    @TemplateData
    record EventRow(long index, String topic, String camera, String time, String detail) {}

    @TemplateData
    record DecisionRow(String time, String action, String camera, String address, String reason) {}

    static native TemplateInstance page(View view);

    private StatusPage() {}

    static String render(Model m) {
        return page(view(m)).render();
    }

    static View view(Model m) {
        SystemStatus s = m.status();
        Map<String, AuthorisedCamera> authorised =
                m.cameras().stream().collect(Collectors.toMap(AuthorisedCamera::id, c -> c, (a, b) -> b, TreeMap::new));
        TreeMap<String, CameraRow> rows = new TreeMap<>();
        for (String id : union(s.cameras().keySet(), authorised.keySet())) {
            Optional<CameraStatus> c = s.camera(id);
            AuthorisedCamera a = authorised.get(id);
            SystemState state = c.map(CameraStatus::state).orElse(m.stateOfUnknown());
            rows.put(
                    id,
                    new CameraRow(
                            id,
                            state.name(),
                            c.filter(CameraStatus::connected).isPresent() ? "connected" : "disconnected",
                            c.map(CameraStatus::mode).map(Enum::name).orElse("unknown"),
                            c.map(CameraStatus::alertCount).orElse(0),
                            c.map(CameraStatus::lastSeen).map(StatusPage::t).orElse("never"),
                            a != null,
                            a == null
                                    ? ""
                                    : a.fingerprint()
                                            .substring(
                                                    0,
                                                    Math.min(16, a.fingerprint().length())),
                            a == null ? "" : text(a.address()),
                            a == null ? "" : t(a.pairedAt()),
                            command(state, CameraTarget.one(id), m.codeFor(), id)));
        }
        Optional<PairingOffer> offer = m.offer();
        List<EventRow> events = m.events().stream()
                .map(e -> {
                    JsonNode payload = e.payloadTree();
                    return new EventRow(
                            e.index(),
                            text(e.topic()),
                            text(e.cameraId()),
                            payload.path("ts").asText(""),
                            detail(payload));
                })
                .toList();
        List<DecisionRow> decisions = new ArrayList<>();
        for (int i = m.decisions().size() - 1; i >= 0; i--) {
            AuditEntry a = m.decisions().get(i);
            decisions.add(new DecisionRow(
                    t(a.at()), text(a.action()), text(a.cameraId()), text(a.address()), text(a.reason())));
        }
        return new View(
                m.gatewayId(),
                text(m.message()),
                m.signedIn(),
                s.system().name(),
                t(s.changedAt()),
                s.stoppedAll(),
                command(s.system(), CameraTarget.ALL, m.codeFor(), null),
                List.copyOf(rows.values()),
                s.cameras().values().stream().filter(CameraStatus::connected).count(),
                offer.isPresent(),
                offer.map(o -> text(o.expiresAt())).orElse(""),
                offer.map(o -> text(o.endpoint())).orElse(""),
                m.snapshot().map(f -> text(f.cameraId())).orElse(""),
                m.snapshot().map(f -> t(f.storedAt())).orElse(""),
                events,
                decisions,
                REFRESH_SECONDS);
    }

    /** The one command that fits a state: stop when running, resume when stopped, release when blocked. */
    private static CommandForm command(
            SystemState state, CameraTarget target, BiPredicate<CommandKind, CameraTarget> codeFor, String cameraId) {
        CommandKind kind = switch (state) {
            case RUNNING -> CommandKind.STOP;
            case STOPPED -> CommandKind.RESUME;
            case BLOCKED -> CommandKind.RELEASE;
        };
        String action = kind.name().toLowerCase(java.util.Locale.ROOT);
        String label = Character.toUpperCase(action.charAt(0)) + action.substring(1);
        return new CommandForm(
                action,
                cameraId == null ? label : label + " " + cameraId,
                codeFor.test(kind, target),
                cameraId == null ? CameraTarget.ALL_TOKEN : cameraId,
                cameraId == null ? action : action + "-" + cameraId);
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Times to the second, for people. */
    private static String t(Instant at) {
        return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String detail(JsonNode p) {
        StringBuilder out = new StringBuilder();
        for (String field :
                List.of("verdict", "from", "to", "alertCount", "state", "decision", "command", "accepted", "reason")) {
            if (p.hasNonNull(field)) {
                out.append(out.isEmpty() ? "" : " ")
                        .append(field)
                        .append('=')
                        .append(p.get(field).asText());
            }
        }
        return out.toString();
    }
}
