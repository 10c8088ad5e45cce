package dev.autocentric.shared.routing;

import dev.autocentric.shared.dealer.Dealer;

/**
 * The move of a sold vehicle from the selling dealer to the buyer's delivery dealer.
 *
 * <p>Days rule: a leg between two dealers takes one handling day plus one day per started 500
 * great-circle miles ({@code 1 + ceil(miles / 500)}): 120 mi is 2 days, 500 mi is 2 days,
 * 501 mi is 3 days, 2,450 mi is 6 days. When the selling dealer is itself the delivery dealer
 * the leg has zero length and takes 0 days.
 */
public record TransferLeg(String fromDealerId, String toDealerId, double distanceMiles, int estimatedDays) {

    /** Miles a transport covers per day in the days rule. */
    public static final double MILES_PER_DAY = 500;
    /** Days of handling (loading, paperwork) on any leg between two different dealers. */
    public static final int HANDLING_DAYS = 1;

    /** The leg from a selling dealer to a delivery point. */
    public static TransferLeg between(Dealer seller, DeliveryPoint delivery) {
        return between(seller.dealerId(), seller.lat(), seller.lon(), delivery);
    }

    /** The leg from a selling dealer that is itself a delivery point (or known only as one). */
    public static TransferLeg between(DeliveryPoint seller, DeliveryPoint delivery) {
        return between(seller.dealerId(), seller.lat(), seller.lon(), delivery);
    }

    private static TransferLeg between(String sellerId, double lat, double lon, DeliveryPoint delivery) {
        if (sellerId.equals(delivery.dealerId())) {
            return new TransferLeg(sellerId, sellerId, 0, 0);
        }
        double miles = GreatCircle.miles(lat, lon, delivery.lat(), delivery.lon());
        return new TransferLeg(sellerId, delivery.dealerId(), miles, days(miles));
    }

    /** {@code 1 + ceil(miles / 500)} for a leg between two different dealers. */
    public static int days(double miles) {
        return HANDLING_DAYS + (int) Math.ceil(miles / MILES_PER_DAY);
    }
}
