package dev.autocentric.shared.pricing;

import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies quote ids, so that the orders function can lock a quoted price without
 * trusting the client.
 *
 * <p>A quote id is {@code q1.<base64url(JSON claims)>.<base64url(HMAC-SHA256(key, "q1." + claims))>}.
 * Every claim is inside the MAC, so changing any field (or the version prefix) invalidates it;
 * MACs are compared in constant time. A valid signature is then checked for expiry against the
 * injected clock: a quote is good while {@code now < expiresAt}.
 *
 * <p>Key: SHA-256 of {@code "autocentric-quote-v1:key:" + QUOTE_SIGNING_KEY} when the deployment
 * sets that key (the {@code QuoteSigningKey} template parameter), else of
 * {@code "autocentric-quote-v1:admin:" + ADMIN_TOKEN_SHA256}, a secret every deployment already
 * has. Rotating the key invalidates quotes still outstanding (they last 30 minutes by default).
 */
public final class QuoteSigner {

    public static final String VERSION = "q1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAX_QUOTE_ID_CHARS = 4096;

    private final SecretKeySpec key;
    private final Clock clock;

    public QuoteSigner(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("quote signing key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = clock;
    }

    /** The signer of a deployment: from QUOTE_SIGNING_KEY when set, else from ADMIN_TOKEN_SHA256. */
    public static QuoteSigner fromConfiguration(String quoteSigningKey, String adminTokenSha256, Clock clock) {
        String secret;
        if (quoteSigningKey != null && !quoteSigningKey.isBlank()) {
            secret = "key:" + quoteSigningKey;
        } else if (adminTokenSha256 != null && !adminTokenSha256.isBlank()) {
            secret = "admin:" + adminTokenSha256;
        } else {
            throw new IllegalStateException("set QUOTE_SIGNING_KEY (or ADMIN_TOKEN_SHA256) to sign quotes");
        }
        return new QuoteSigner(sha256("autocentric-quote-v1:" + secret), clock);
    }

    /** The outcome of checking a quote id. */
    public sealed interface Verdict {
    }

    /** Signed by this deployment and not expired. */
    public record Valid(QuoteClaims claims) implements Verdict {
    }

    /** Signed by this deployment but past its {@code expiresAt}. */
    public record Expired(QuoteClaims claims) implements Verdict {
    }

    /** Malformed, forged or tampered with. */
    public record Invalid(String reason) implements Verdict {
    }

    public String sign(QuoteClaims claims) {
        if (claims.totalCents() != claims.linesTotalCents()) {
            throw new IllegalArgumentException("totalCents must equal the sum of the lines");
        }
        String signed = VERSION + "." + B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return signed + "." + B64.encodeToString(mac(signed));
    }

    public Verdict verify(String quoteId) {
        if (quoteId == null || quoteId.length() > MAX_QUOTE_ID_CHARS) {
            return new Invalid("not a quote id");
        }
        int last = quoteId.lastIndexOf('.');
        if (!quoteId.startsWith(VERSION + ".") || last <= VERSION.length()) {
            return new Invalid("not a quote id");
        }
        String signed = quoteId.substring(0, last);
        byte[] presented;
        byte[] payload;
        try {
            presented = B64D.decode(quoteId.substring(last + 1));
            payload = B64D.decode(signed.substring(VERSION.length() + 1));
        } catch (IllegalArgumentException e) {
            return new Invalid("not a quote id");
        }
        if (!MessageDigest.isEqual(mac(signed), presented)) {
            return new Invalid("the quote id was not issued by this service or was changed");
        }
        QuoteClaims claims;
        try {
            claims = Json.MAPPER.readValue(payload, QuoteClaims.class);
        } catch (IOException e) {
            return new Invalid("the quote id does not hold a quote");
        }
        if (claims.expiresAt() == null || claims.totalCents() != claims.linesTotalCents()) {
            return new Invalid("the quote id does not hold a quote");
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            return new Expired(claims);
        }
        return new Valid(claims);
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
