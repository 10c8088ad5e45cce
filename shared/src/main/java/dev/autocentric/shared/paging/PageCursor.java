package dev.autocentric.shared.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident page cursors.
 *
 * <p>A cursor is {@code base64url(scope "\n" key) "." base64url(HMAC-SHA256(...)[0..16))}. The
 * scope (for example the dealer id of an inventory query) is inside the signed text, so a
 * cursor only continues the query it came from. The key is the last item returned, never
 * DynamoDB's LastEvaluatedKey (moto 5.2.1 omits it when a page ends exactly at Limit).
 *
 * <p>The HMAC key comes from {@code CURSOR_KEY} when the deployment sets it; otherwise the
 * function derives it from a per-deployment secret it already has (see
 * {@link #fromSecret(String)}). Cursors are not confidential, only unforgeable.
 */
public final class PageCursor {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;
    private static final int MAX_CURSOR_CHARS = 512;

    private final SecretKeySpec key;

    public PageCursor(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("cursor key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /**
     * The cursor signer of a deployment: keyed by its CURSOR_KEY when set, else derived from its
     * ADMIN_TOKEN_SHA256 (a secret every deployment already has). Every function builds it this way.
     */
    public static PageCursor forDeployment(String cursorKey, String adminTokenSha256) {
        return fromSecret(cursorKey != null && !cursorKey.isBlank() ? "key:" + cursorKey
                : "admin:" + (adminTokenSha256 == null ? "" : adminTokenSha256));
    }

    /** A cursor signer keyed by SHA-256("autocentric-cursor-v1:" + secret). */
    public static PageCursor fromSecret(String secret) {
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256")
                    .digest(("autocentric-cursor-v1:" + secret).getBytes(StandardCharsets.UTF_8));
            return new PageCursor(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encode(String scope, String lastKey) {
        byte[] payload = (scope + "\n" + lastKey).getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /** The last key of the previous page, or empty when the cursor is malformed, forged or of another scope. */
    public Optional<String> decode(String scope, String cursor) {
        if (cursor == null || cursor.length() > MAX_CURSOR_CHARS) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] presented;
        try {
            payload = B64D.decode(cursor.substring(0, dot));
            presented = B64D.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), presented)) {
            return Optional.empty();
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        String prefix = scope + "\n";
        if (!text.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.of(text.substring(prefix.length()));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(payload);
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
