package dev.autocentric.shared.listing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A vehicle in the marketplace: the dealer's facts plus who holds it, its status and its
 * optimistic-lock {@code version} (1 on creation, +1 per change). The dealer's name, city, ZIP
 * and coordinates are copied in so buyer reads and geo search need no second lookup.
 * On the wire the vehicle facts are flattened into the listing object.
 */
public record Listing(
        @JsonUnwrapped Vehicle vehicle,
        String dealerId,
        ListingStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String dealerName,
        String dealerCity,
        String dealerZip,
        Double dealerLat,
        Double dealerLon) {

    public String vin() {
        return vehicle.vin();
    }

    /** Visible to buyers: listed by its dealer and not withdrawn or sold. */
    @JsonIgnore
    public boolean isPublic() {
        return vehicle.listed() && (status == ListingStatus.AVAILABLE || status == ListingStatus.RESERVED);
    }

    public Listing withChange(Vehicle newVehicle, ListingStatus newStatus, Instant now,
                              String name, String city, String zip, Double lat, Double lon) {
        return new Listing(newVehicle, dealerId, newStatus, version + 1, createdAt, now,
                name, city, zip, lat, lon);
    }
}
