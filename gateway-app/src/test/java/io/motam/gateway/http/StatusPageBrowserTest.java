package io.motam.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.testing.Chromium;
import io.motam.gateway.testing.GatewayProfile;
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
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The status page in Debian's real headless Chromium: the QR code it renders while an offer is
 * open is the offer (decoded from the browser's own screenshot), and the page follows a stop.
 */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class StatusPageBrowserTest {
    @Inject Operator operator;
    @Inject PairingDesk desk;
    @Inject SystemStateController state;

    private final Chromium chromium = new Chromium(Path.of("target", "chromium").toAbsolutePath());

    @Test
    void pageShowsThePairingQrWhileAnOfferIsOpen_andTheStateAfterAStop() throws Exception {
        Chromium.require();
        if (state.status().system() == SystemState.STOPPED) {
            state.command(CommandKind.RESUME);
        }
        PairingOffer offer = operator.pair("test").offer().orElseThrow();
        String url = Http.base() + "/";

        String dom = chromium.dumpDom(url);
        assertTrue(dom.contains("id=\"pairing-qr\""), dom);
        assertTrue(dom.contains("class=\"state RUNNING\""), dom);
        assertEquals(offer.encode(), qrInScreenshot(url), "the QR code Chromium drew is the open offer");

        assertEquals(200, Http.post("/api/stop", "{\"id\":\"page-stop\"}").statusCode());
        desk.withdraw();
        String after = chromium.dumpDom(url);
        assertTrue(after.contains("id=\"system-state\" class=\"state STOPPED\""), after);
        assertFalse(after.contains("id=\"pairing-qr\""), "no QR once the offer is closed");
        assertTrue(after.contains("id=\"resume\""), "the page offers resume when stopped");

        // the page's own form, posted as a browser does (same origin): see-other back to the page
        HttpResponse<String> form = Http.send(HttpRequest.newBuilder(URI.create(Http.base() + "/ui/resume"))
                .header("Origin", Http.base()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(303, form.statusCode());
        assertEquals(SystemState.RUNNING, state.status().system());
        assertTrue(chromium.dumpDom(url).contains("class=\"state RUNNING\""));
    }

    /**
     * The text of the QR code in a screenshot of the page. Up to three shots: headless Chromium
     * may capture before it has painted a decoded image, which says nothing about the page.
     */
    private String qrInScreenshot(String url) throws Exception {
        StringBuilder misses = new StringBuilder();
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertTrue(desk.current().isPresent(), "the offer closed during the test");
            Path shot = chromium.screenshot(url, "pairing-" + attempt);
            Optional<String> text = QrText.read(ImageIO.read(shot.toFile()));
            if (text.isPresent()) {
                return text.get();
            }
            misses.append(' ').append(shot);
        }
        return fail("no QR code readable in" + misses);
    }
}
