package dev.autocentric.listing;

/** The largest request bodies the listing API reads; a larger one is answered 413. */
final class BodyLimits {

    static final int MAX_SINGLE_BYTES = 64 * 1024;
    static final int MAX_BATCH_BYTES = 1024 * 1024;
    static final int MAX_ADMIN_BYTES = 16 * 1024;

    private BodyLimits() {
    }
}
