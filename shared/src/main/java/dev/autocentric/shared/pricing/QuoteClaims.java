package dev.autocentric.shared.pricing;

import java.time.Instant;
import java.util.List;

/**
 * Everything a delivered-price quote promises, signed into its {@code quoteId} by
 * {@link QuoteSigner}: which vehicle (and which version of its listing), who sells and who
 * delivers, to which buyer ZIP, each line and the total, and the validity window.
 */
public record QuoteClaims(
        String vin,
        long listingVersion,
        String sellingDealerId,
        String deliveryDealerId,
        String zip,
        List<QuoteLine> lines,
        long totalCents,
        Instant issuedAt,
        Instant expiresAt) {

    public QuoteClaims {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The sum of the lines, which a well-formed quote's {@code totalCents} equals. */
    public long linesTotalCents() {
        long sum = 0;
        for (QuoteLine line : lines) {
            sum = Math.addExact(sum, line.amountCents());
        }
        return sum;
    }
}
