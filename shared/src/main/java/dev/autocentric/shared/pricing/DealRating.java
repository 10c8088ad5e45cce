package dev.autocentric.shared.pricing;

import java.math.BigInteger;

/**
 * How good a vehicle's e-price is against its comparables (see {@link MarketSegment}): the
 * e-price is compared with the average e-price of the listed AVAILABLE vehicles of its segment,
 * the vehicle itself included.
 *
 * <ul>
 *   <li>{@code NONE}: fewer than {@value #MIN_COMPARABLES} vehicles in the segment;</li>
 *   <li>{@code GREAT}: e-price at most 90% of the average;</li>
 *   <li>{@code GOOD}: above 90% and at most 97%;</li>
 *   <li>{@code FAIR}: above 97% and at most 105%;</li>
 *   <li>{@code HIGH}: above 105%.</li>
 * </ul>
 * Compared exactly in integers: {@code price * count * 100 <= sum * percent}.
 */
public enum DealRating {
    GREAT, GOOD, FAIR, HIGH, NONE;

    public static final int MIN_COMPARABLES = 3;
    public static final int GREAT_PERCENT = 90;
    public static final int GOOD_PERCENT = 97;
    public static final int FAIR_PERCENT = 105;

    public static DealRating rate(long ePriceCents, MarketStats stats) {
        if (stats == null || stats.count() < MIN_COMPARABLES || stats.sumCents() <= 0) {
            return NONE;
        }
        if (atMost(ePriceCents, stats, GREAT_PERCENT)) {
            return GREAT;
        }
        if (atMost(ePriceCents, stats, GOOD_PERCENT)) {
            return GOOD;
        }
        if (atMost(ePriceCents, stats, FAIR_PERCENT)) {
            return FAIR;
        }
        return HIGH;
    }

    /** price <= average * percent / 100, i.e. price * count * 100 <= sum * percent, without overflow. */
    private static boolean atMost(long priceCents, MarketStats stats, int percent) {
        BigInteger left = BigInteger.valueOf(priceCents).multiply(BigInteger.valueOf(stats.count()))
                .multiply(BigInteger.valueOf(100));
        return left.compareTo(BigInteger.valueOf(stats.sumCents()).multiply(BigInteger.valueOf(percent))) <= 0;
    }
}
