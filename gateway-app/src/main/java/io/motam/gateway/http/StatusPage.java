package io.motam.gateway.http;

import static io.motam.gateway.http.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.motam.domain.SystemState;
import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.backup.StoredFile;
import io.motam.gateway.journal.JournalEntry;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.state.SystemStatus;
import io.motam.protocol.pairing.PairingOffer;
import java.util.List;
import java.util.Optional;

/**
 * Renders the status page: plain server-side HTML, refreshed by the browser every few seconds,
 * forms for the operator's commands (posted to {@code /ui/*}). Element ids are stable for tests
 * and scripts: {@code system-state}, {@code camera-link}, {@code pairing}, {@code pairing-qr},
 * {@code snapshot}, {@code events}, {@code decisions}, {@code cameras}.
 */
final class StatusPage {
    /** Seconds between automatic reloads. */
    static final int REFRESH_SECONDS = 3;

    /** What the page shows. */
    record Model(String gatewayId, SystemStatus status, boolean codeForRelease, boolean codeForStopResume,
            Optional<PairingOffer> offer, List<AuthorisedCamera> cameras, Optional<StoredFile> snapshot,
            List<JournalEntry> events, List<AuditEntry> decisions, String message, boolean signedIn) {
    }

    private StatusPage() {
    }

    static String render(Model m) {
        SystemStatus s = m.status();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append(";url=/\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>MOTAM gateway ").append(esc(m.gatewayId())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em;max-width:60em}")
                .append(".state{font-size:2em;font-weight:bold;padding:.2em .6em;border-radius:.3em;display:inline-block}")
                .append(".RUNNING{background:#cfc}.STOPPED{background:#ffc}.BLOCKED{background:#fcc}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}")
                .append("form{display:inline}section{margin:1.2em 0}.msg{background:#eef;padding:.5em}")
                .append("</style></head><body>\n");
        h.append("<h1>MOTAM gateway ").append(esc(m.gatewayId())).append("</h1>\n");
        if (m.message() != null && !m.message().isBlank()) {
            h.append("<p class=\"msg\" id=\"message\">").append(esc(m.message())).append("</p>\n");
        }
        if (!m.signedIn()) {
            h.append("<section id=\"sign-in\"><form method=\"post\" action=\"/ui/login\">")
                    .append("<input type=\"password\" name=\"token\" placeholder=\"API token\" autocomplete=\"off\" required> ")
                    .append("<button type=\"submit\" id=\"login\">Sign in</button></form> <small>to pair, see evidence ")
                    .append("and give commands; the token is in the gateway's data directory, file api-token</small></section>\n");
        } else {
            h.append("<section id=\"signed-in\"><form method=\"post\" action=\"/ui/logout\">")
                    .append("<button type=\"submit\" id=\"logout\">Sign out</button></form></section>\n");
        }
        h.append("<section><h2>System</h2><span id=\"system-state\" class=\"state ").append(s.system().name())
                .append("\">").append(s.system().name()).append("</span> <small>since ")
                .append(esc(t(s.changedAt()))).append("</small>\n<p>");
        if (!m.signedIn()) {
            h.append("<small>sign in to give commands</small>");
        } else if (s.system() == SystemState.RUNNING) {
            h.append(commandForm("stop", "Stop", m.codeForStopResume()));
        } else if (s.system() == SystemState.STOPPED) {
            h.append(commandForm("resume", "Resume", m.codeForStopResume()));
        } else {
            h.append(commandForm("release", "Release", m.codeForRelease()));
        }
        h.append("</p></section>\n");

        h.append("<section><h2>Camera link</h2><p id=\"camera-link\">");
        if (s.cameraId() == null) {
            h.append("no camera has connected yet");
        } else {
            h.append("camera <b>").append(esc(s.cameraId())).append("</b> ")
                    .append(s.cameraConnected() ? "connected" : "disconnected").append(", mode ")
                    .append(s.mode() == null ? "unknown" : s.mode().name()).append(", alerts ").append(s.alertCount())
                    .append(", last seen ").append(esc(s.lastSeen() == null ? "never" : t(s.lastSeen())));
        }
        h.append("</p></section>\n");

        h.append("<section id=\"pairing\"><h2>Pairing</h2>");
        if (m.offer().isPresent()) {
            PairingOffer o = m.offer().get();
            h.append("<p>Offer open until ").append(esc(o.expiresAt())).append(" for ").append(esc(o.endpoint()))
                    .append(m.signedIn() ? ": show this code to the camera.</p>" : ": sign in to show its code.</p>");
            if (m.signedIn()) {
                h.append("<img id=\"pairing-qr\" src=\"/pairing/qr.png\" alt=\"pairing QR code\" width=\"296\" decoding=\"sync\">");
            }
        } else if (!m.signedIn()) {
            h.append("<p>No offer open.</p>");
        } else {
            h.append("<p>No offer open.</p><form method=\"post\" action=\"/ui/pair\">")
                    .append("<button type=\"submit\">Open a pairing offer</button></form>");
        }
        h.append("</section>\n");

        h.append("<section><h2>Authorised cameras</h2><table id=\"cameras\"><tr><th>id</th><th>key</th>")
                .append("<th>address</th><th>paired</th><th>last seen</th><th></th></tr>");
        for (AuthorisedCamera c : m.cameras()) {
            h.append("<tr><td>").append(esc(c.id())).append("</td><td><code>")
                    .append(esc(c.fingerprint().substring(0, Math.min(16, c.fingerprint().length()))))
                    .append("…</code></td><td>").append(esc(c.address())).append("</td><td>").append(esc(t(c.pairedAt())))
                    .append("</td><td>").append(esc(t(c.lastSeen()))).append("</td><td>");
            if (m.signedIn()) {
                h.append("<form method=\"post\" action=\"/ui/revoke/").append(esc(c.id()))
                        .append("\"><button type=\"submit\">Revoke</button></form>");
            }
            h.append("</td></tr>");
        }
        h.append("</table></section>\n");

        h.append("<section id=\"snapshot\"><h2>Latest snapshot</h2>");
        if (m.snapshot().isPresent()) {
            StoredFile f = m.snapshot().get();
            h.append("<p>").append(esc(f.cameraId())).append(", ").append(esc(t(f.storedAt()))).append("</p>");
            if (m.signedIn()) {
                h.append("<img src=\"/snapshot/latest\" alt=\"latest snapshot\" style=\"max-width:100%\">");
            }
        } else {
            h.append("<p>none yet</p>");
        }
        h.append("</section>\n");

        h.append("<section><h2>Last events</h2><table id=\"events\"><tr><th>#</th><th>topic</th><th>camera</th>")
                .append("<th>time</th><th>detail</th></tr>");
        for (JournalEntry e : m.events()) {
            JsonNode p = e.payloadTree();
            h.append("<tr><td>").append(e.index()).append("</td><td>").append(esc(e.topic()))
                    .append("</td><td>").append(esc(e.cameraId())).append("</td><td>")
                    .append(esc(p.path("ts").asText())).append("</td><td>").append(esc(detail(p))).append("</td></tr>");
        }
        h.append("</table></section>\n");

        h.append("<section><h2>Decisions</h2><table id=\"decisions\"><tr><th>time</th><th>decision</th>")
                .append("<th>camera</th><th>address</th><th>reason</th></tr>");
        List<AuditEntry> d = m.decisions();
        for (int i = d.size() - 1; i >= 0; i--) {
            AuditEntry a = d.get(i);
            h.append("<tr><td>").append(esc(t(a.at()))).append("</td><td>").append(esc(a.action())).append("</td><td>")
                    .append(esc(a.cameraId())).append("</td><td>").append(esc(a.address())).append("</td><td>")
                    .append(esc(a.reason())).append("</td></tr>");
        }
        h.append("</table></section>\n<p><small><a href=\"/q/health\">health</a> · <a href=\"/q/metrics\">metrics</a>")
                .append(" · <a href=\"/api/status\">API</a></small></p>\n</body></html>\n");
        return h.toString();
    }

    /** Times to the second, for people. */
    private static Object t(java.time.Instant at) {
        return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static String commandForm(String action, String label, boolean needsCode) {
        StringBuilder f = new StringBuilder("<form method=\"post\" action=\"/ui/").append(action).append("\">");
        if (needsCode) {
            f.append("<input type=\"password\" name=\"code\" placeholder=\"release code\" autocomplete=\"off\" required> ");
        }
        return f.append("<button type=\"submit\" id=\"").append(action).append("\">").append(label)
                .append("</button></form>").toString();
    }

    private static String detail(JsonNode p) {
        StringBuilder out = new StringBuilder();
        for (String field : List.of("verdict", "from", "to", "alertCount", "state", "decision", "command", "accepted",
                "reason")) {
            if (p.hasNonNull(field)) {
                out.append(out.isEmpty() ? "" : " ").append(field).append('=').append(p.get(field).asText());
            }
        }
        return out.toString();
    }
}
