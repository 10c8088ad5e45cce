package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** PUT /v1/dealers/{dealerId}/webhook (deployed mode: https and public addresses only). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DealerWebhookTest {
    ListingApi api;
    String cred;
    String otherCred;

    @BeforeAll
    void start() {
        api = new ListingApi("Hook");
        cred = api.enrol("hook-a");
        otherCred = api.enrol("hook-b");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    GatewayCalls.Response register(String dealerId, String credential, String body) {
        return api.send("PUT", "/v1/dealers/" + dealerId + "/webhook", "Bearer " + credential, body);
    }

    @Test
    void registersAnHttpsWebhookAndShowsItsSecretOnce() {
        GatewayCalls.Response r = register("hook-a", cred, "{\"url\":\"https://1.1.1.1/hooks/autocentric\",\"format\":\"adf\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        String secret = body.path("secret").asText();
        assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
        assertEquals("adf", body.path("format").asText());
        assertEquals("no-store", r.header("Cache-Control"));

        Map<String, AttributeValue> stored = api.storedDealer("hook-a");
        assertEquals("https://1.1.1.1/hooks/autocentric", stored.get("webhookUrl").s());
        assertEquals("adf", stored.get("webhookFormat").s());
        assertEquals(secret, stored.get("webhookSecret").s(), "stored for the notifier to sign with");

        String again = register("hook-a", cred, "{\"url\":\"https://1.1.1.1/hooks/v2\",\"format\":\"json\"}")
                .json().path("secret").asText();
        assertFalse(again.equals(secret), "a new registration rotates the secret");
    }

    @Test
    void refusesPlainHttpPrivateLoopbackAndLinkLocalTargetsWritingNothing() {
        for (String url : new String[] {"http://1.1.1.1/h", "https://127.0.0.1/h", "https://10.0.0.8/h",
                "https://192.168.1.20/h", "https://169.254.169.254/latest/meta-data", "https://[::1]/h",
                "https://localhost/h", "https://user:pw@1.1.1.1/h", "ftp://1.1.1.1/h", "not a url"}) {
            GatewayCalls.Response r = register("hook-b", otherCred, "{\"url\":\"" + url + "\",\"format\":\"json\"}");
            assertEquals(400, r.status(), url + " -> " + r);
            assertEquals("application/problem+json", r.header("Content-Type").split(";")[0]);
        }
        assertNull(api.storedDealer("hook-b").get("webhookUrl"));
    }

    @Test
    void badFormatsAndOtherDealersAreRefused() {
        assertEquals(400, register("hook-b", otherCred, "{\"url\":\"https://1.1.1.1/h\",\"format\":\"xml\"}").status());
        assertEquals(403, register("hook-a", otherCred, "{\"url\":\"https://1.1.1.1/h\"}").status());
        assertEquals(401, api.send("PUT", "/v1/dealers/hook-a/webhook", null, "{\"url\":\"https://1.1.1.1/h\"}").status());
    }

    @Test
    void addressClassesAreJudgedLikeAnSsrfFilterShould() throws Exception {
        assertFalse(WebhookRegistrations.isPublic(InetAddress.getByName("100.64.0.1")));
        assertFalse(WebhookRegistrations.isPublic(InetAddress.getByName("fd00::1")));
        assertFalse(WebhookRegistrations.isPublic(InetAddress.getByName("0.0.0.0")));
        assertTrue(WebhookRegistrations.isPublic(InetAddress.getByName("8.8.8.8")));
        assertTrue(WebhookRegistrations.checkUrl("http://127.0.0.1:9000/h", true).isEmpty(), "local mode allows loopback");
    }
}
