package dev.autocentric.shared.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Deal rating thresholds against the segment average, and the comparables rule. */
class DealRatingTest {

    // three vehicles averaging exactly 1,000,000 cents
    final MarketStats stats = new MarketStats("S", 3, 3_000_000);

    @Test
    void thresholdsAreInclusiveUpperBounds() {
        assertEquals(DealRating.GREAT, DealRating.rate(900_000, stats));
        assertEquals(DealRating.GOOD, DealRating.rate(900_001, stats));
        assertEquals(DealRating.GOOD, DealRating.rate(970_000, stats));
        assertEquals(DealRating.FAIR, DealRating.rate(970_001, stats));
        assertEquals(DealRating.FAIR, DealRating.rate(1_050_000, stats));
        assertEquals(DealRating.HIGH, DealRating.rate(1_050_001, stats));
    }

    @Test
    void tooFewComparablesIsNone() {
        assertEquals(DealRating.NONE, DealRating.rate(100, new MarketStats("S", 2, 2_000_000)));
        assertEquals(DealRating.NONE, DealRating.rate(100, MarketStats.empty("S")));
        assertEquals(DealRating.NONE, DealRating.rate(100, null));
    }

    @Test
    void averageRoundsHalfUp() {
        assertEquals(2, new MarketStats("S", 2, 3).averageCents());
        assertEquals(1, new MarketStats("S", 3, 4).averageCents());
        assertEquals(0, MarketStats.empty("S").averageCents());
    }

    @Test
    void mileageBandsAndNormalisedNames() {
        assertEquals("M0", MarketSegment.band(14_999));
        assertEquals("M15", MarketSegment.band(15_000));
        assertEquals("M45", MarketSegment.band(89_999));
        assertEquals("M90", MarketSegment.band(250_000));
    }
}
