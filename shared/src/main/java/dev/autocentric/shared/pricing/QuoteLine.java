package dev.autocentric.shared.pricing;

/** One line of a delivered-price quote, in integer cents. */
public record QuoteLine(String code, String label, long amountCents) {
}
