package dev.autocentric.notifier;

/** A dealer's webhook registration: where, in which format, and the HMAC secret it verifies with. */
public record Webhook(String dealerId, String dealerName, String url, Format format, String secret) {

    public enum Format { JSON, ADF }
}
