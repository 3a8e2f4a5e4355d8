package io.motam.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.testing.Chromium;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.gateway.testing.GatewayTestResource;
import io.motam.gateway.testing.Http;
import io.motam.gateway.testing.QrText;
import io.motam.protocol.pairing.PairingOffer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The status page in Debian's real headless Chromium, as any local process sees it without the
 * API token: the state, but no pairing QR (it is the offer's secret) and no command forms; the
 * page follows a stop. The signed-in page (QR decoded from the browser's screenshot, a click on
 * Stop) is {@link StatusPagePlaywrightTest}.
 */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class StatusPageBrowserTest {
    @Inject
    Operator operator;

    @Inject
    PairingDesk desk;

    @Inject
    SystemStateController state;

    private final Chromium chromium = new Chromium(Path.of("target", "chromium").toAbsolutePath());

    @Test
    void pageShowsThePairingQrWhileAnOfferIsOpen_andTheStateAfterAStop() throws Exception {
        Chromium.require();
        if (state.status().system() == SystemState.STOPPED) {
            state.command(
                    CommandKind.RESUME,
                    io.motam.gateway.state.CameraTarget.ALL,
                    GatewayTestResource.RELEASE_CODE.toCharArray(),
                    "local");
        }
        PairingOffer offer = operator.issueOffer("test").offer().orElseThrow();
        String url = Http.base() + "/";

        String dom = chromium.dumpDom(url);
        assertTrue(dom.contains("id=\"sign-in\""), dom);
        assertTrue(dom.contains("class=\"state RUNNING\""), dom);
        assertFalse(dom.contains("id=\"pairing-qr\""), "no pairing QR without the token, even while an offer is open");
        assertFalse(dom.contains("id=\"stop\""), "no command forms without the token");
        assertEquals(401, Http.anonymous("GET", "/pairing/qr.png", null).statusCode());
        assertTrue(
                QrText.read(ImageIO.read(chromium.screenshot(url, "signed-out").toFile()))
                        .isEmpty(),
                "no QR code anywhere on the signed-out page");
        assertTrue(offer.encode().startsWith("MOTAM1:"));

        assertEquals(200, Http.post("/api/stop", "{\"id\":\"page-stop\"}").statusCode());
        desk.withdraw();
        String after = chromium.dumpDom(url);
        assertTrue(after.contains("id=\"system-state\" class=\"state STOPPED\""), after);

        // the page's own form, posted as a browser does (same origin): refused without the cookie
        HttpRequest.Builder resume = HttpRequest.newBuilder(URI.create(Http.base() + "/ui/resume"))
                .header("Origin", Http.base())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(""));
        assertEquals(401, Http.send(resume).statusCode());
        assertEquals(SystemState.STOPPED, state.status().system());
        // signed in: the login form sets the cookie, and the same post goes through
        HttpResponse<String> login = Http.send(HttpRequest.newBuilder(URI.create(Http.base() + "/ui/login"))
                .header("Origin", Http.base())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + Http.token())));
        assertEquals(303, login.statusCode());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        HttpResponse<String> wrong = Http.send(HttpRequest.newBuilder(URI.create(Http.base() + "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=not-the-token-at-all-not-the-token-at-all")));
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty(), "a wrong token gets no cookie");
        HttpResponse<String> form = Http.send(HttpRequest.newBuilder(URI.create(Http.base() + "/ui/resume"))
                .header("Origin", Http.base())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(303, form.statusCode());
        assertEquals(SystemState.RUNNING, state.status().system());
        assertTrue(chromium.dumpDom(url).contains("class=\"state RUNNING\""));
    }
}
