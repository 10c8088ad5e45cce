package dev.autocentric.shared.pricing;

/**
 * A listing's deal rating as buyers see it: the rating, how many comparable vehicles it was
 * judged against (itself included) and their average e-price.
 */
public record DealAssessment(DealRating rating, long comparables, long marketAverageCents) {

    public static DealAssessment of(long ePriceCents, MarketStats stats) {
        MarketStats s = stats == null ? MarketStats.empty(null) : stats;
        return new DealAssessment(DealRating.rate(ePriceCents, s), s.count(), s.averageCents());
    }
}
