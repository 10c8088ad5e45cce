package dev.autocentric.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signature is exactly the documented algorithm: hex HMAC-SHA256(secret, "t.body"). */
class WebhookSignatureTest {
    private static final String SECRET = "whsec_3q2+7wE1b2Zp0xJ4kYtq9A";
    private static final String BODY = "{\"type\":\"OrderPlaced\",\"eventId\":\"e-1\"}";

    @Test
    void theHeaderIsTheDocumentedHmacOverTimestampDotBody() throws Exception {
        String header = WebhookSignature.header(SECRET, 1_795_680_000L, BODY);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("1795680000." + BODY).getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=1795680000,v1=" + expected, header);
    }

    @Test
    void verifyAcceptsTheSignatureAndRefusesTamperingOtherSecretsAndStaleTimestamps() {
        String header = WebhookSignature.header(SECRET, 1_000L, BODY);
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, 1_100L, 300));
        assertFalse(WebhookSignature.verify(SECRET, header, BODY + " ", 1_100L, 300), "body changed");
        assertFalse(WebhookSignature.verify("other", header, BODY, 1_100L, 300), "other secret");
        assertFalse(WebhookSignature.verify(SECRET, header, BODY, 2_000L, 300), "replayed too late");
        assertFalse(WebhookSignature.verify(SECRET, "v1=abc", BODY, 1_000L, 300), "no timestamp");
    }
}
