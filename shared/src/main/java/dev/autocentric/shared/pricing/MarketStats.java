package dev.autocentric.shared.pricing;

/**
 * What the market holds in one segment (see {@link MarketSegment}): how many vehicles are listed
 * and AVAILABLE and the sum of their e-prices, kept incrementally from listing changes.
 */
public record MarketStats(String segment, long count, long sumCents) {

    public static MarketStats empty(String segment) {
        return new MarketStats(segment, 0, 0);
    }

    /** The average e-price in whole cents, rounded half up; 0 when the segment is empty. */
    public long averageCents() {
        return count <= 0 ? 0 : (sumCents + count / 2) / count;
    }
}
