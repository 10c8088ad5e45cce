package dev.autocentric.orders;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Order access tokens: buyers have no accounts, so the answer to a placed order carries a token
 * that lets its holder read and cancel that one order. The token is
 * {@code aco_<base64url(HMAC-SHA256(key, "order-access-v1:" + orderId))>}: it is stored nowhere
 * (a replayed placement can answer it again, and a leaked table holds no tokens), and checking it
 * costs no read. Key: SHA-256 of {@code "autocentric-order-token-v1:" + secret}, the secret being
 * ORDER_TOKEN_KEY when set, else ADMIN_TOKEN_SHA256; rotating it revokes every token.
 */
public final class OrderTokens {

    static final String PREFIX = "aco_";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public OrderTokens(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("set ORDER_TOKEN_KEY (or ADMIN_TOKEN_SHA256) to issue order tokens");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("autocentric-order-token-v1:" + secret).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tokens of a deployment: from ORDER_TOKEN_KEY when set, else from ADMIN_TOKEN_SHA256. */
    public static OrderTokens fromConfiguration(String orderTokenKey, String adminTokenSha256) {
        if (orderTokenKey != null && !orderTokenKey.isBlank()) {
            return new OrderTokens("key:" + orderTokenKey);
        }
        return new OrderTokens(adminTokenSha256 == null || adminTokenSha256.isBlank() ? null
                : "admin:" + adminTokenSha256);
    }

    public String issue(String orderId) {
        return PREFIX + B64.encodeToString(mac(orderId));
    }

    /** Whether {@code token} is the access token of {@code orderId} (compared in constant time). */
    public boolean matches(String orderId, String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(issue(orderId).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String orderId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("order-access-v1:" + orderId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
