package dev.autocentric.shared.dealer;

/** The dealer network a dealer belongs to; GM-network delivery points receive transfers. */
public enum Network {
    GM, OTHER
}
