package dev.autocentric.shared.dealer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Dealer API credentials.
 *
 * <p>A credential is {@code acd_<dealerId>_<secret>} where the secret is 32 random bytes
 * (SecureRandom) in unpadded base64url. Naming the dealer in the token lets the API find the
 * one stored hash to compare against. Only {@code SHA-256(salt || secret)} is stored, with a
 * 16-byte random salt per dealer, and the comparison runs in constant time. The credential
 * itself is shown once, at enrolment.
 */
public final class DealerCredentials {

    static final String PREFIX = "acd_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A new credential and what to store for it. */
    public record Issued(String credential, String salt, String hash) {
    }

    /** A credential split into its parts. */
    public record Presented(String dealerId, String secret) {
    }

    private DealerCredentials() {
    }

    public static Issued issue(String dealerId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String secretText = B64.encodeToString(secret);
        String saltText = B64.encodeToString(salt);
        return new Issued(PREFIX + dealerId + "_" + secretText, saltText, hash(saltText, secretText));
    }

    /** Splits a presented token; empty when it does not have the credential's shape. */
    public static Optional<Presented> parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int sep = rest.indexOf('_');
        if (sep <= 0 || sep == rest.length() - 1) {
            return Optional.empty();
        }
        String dealerId = rest.substring(0, sep);
        String secret = rest.substring(sep + 1);
        if (!Dealer.isValidId(dealerId) || secret.length() != 43 || !secret.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return Optional.of(new Presented(dealerId, secret));
    }

    /** True when the secret hashes, with the stored salt, to the stored hash (constant-time compare). */
    public static boolean matches(String secret, String storedSalt, String storedHash) {
        if (secret == null || storedSalt == null || storedHash == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = B64D.decode(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = B64D.decode(hash(storedSalt, secret));
        return MessageDigest.isEqual(expected, actual);
    }

    static String hash(String salt, String secret) {
        MessageDigest sha = sha256();
        sha.update(B64D.decode(salt));
        sha.update(secret.getBytes(StandardCharsets.US_ASCII));
        return B64.encodeToString(sha.digest());
    }

    /** Lower-case hex SHA-256 of a text (how the operator token is configured). */
    public static String sha256Hex(String text) {
        byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(64);
        for (byte b : digest) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
