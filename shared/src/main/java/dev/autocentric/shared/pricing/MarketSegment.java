package dev.autocentric.shared.pricing;

import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Vehicle;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparables rule of the deal rating: two vehicles are comparable when they share make,
 * model (both compared case-insensitively, trimmed), model year and mileage band. Only vehicles
 * that are listed and AVAILABLE (for sale right now) count in a segment's market statistics.
 *
 * <p>Mileage bands: {@code M0} under 15,000 miles; {@code M15} 15,000 to 44,999; {@code M45}
 * 45,000 to 89,999; {@code M90} 90,000 and more.
 */
public final class MarketSegment {

    /** Lower bounds of the mileage bands, in miles. */
    static final int[] BAND_FLOORS = {0, 15_000, 45_000, 90_000};

    private MarketSegment() {
    }

    /** The segment key of a vehicle: {@code MAKE|MODEL|YEAR|BAND}. */
    public static String of(Vehicle vehicle) {
        return normal(vehicle.make()) + "|" + normal(vehicle.model()) + "|" + vehicle.year() + "|"
                + band(vehicle.mileage());
    }

    /** The segment a listing counts in, or empty when it is not listed and AVAILABLE. */
    public static Optional<String> countedIn(Listing listing) {
        if (listing == null || !listing.vehicle().listed() || listing.status() != ListingStatus.AVAILABLE) {
            return Optional.empty();
        }
        return Optional.of(of(listing.vehicle()));
    }

    public static String band(int mileage) {
        int floor = 0;
        for (int f : BAND_FLOORS) {
            if (mileage >= f) {
                floor = f;
            }
        }
        return "M" + floor / 1_000;
    }

    private static String normal(String s) {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }
}
