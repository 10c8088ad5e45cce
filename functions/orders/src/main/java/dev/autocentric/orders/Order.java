package dev.autocentric.orders;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.autocentric.shared.pricing.QuoteLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order: the vehicle held for a buyer at the quoted price, the selling and the delivery dealer,
 * the buyer's contact, and where it is in its lifecycle ({@link OrderAction}). {@code version}
 * goes up by one per change and guards every write; {@code listingVersion} is the version the
 * listing got when this order reserved it, so releasing or selling the listing is conditional on
 * it still being exactly that reservation. Times are UTC, to the millisecond.
 */
public record Order(
        String orderId,
        OrderStatus status,
        long version,
        String vin,
        Vehicle vehicle,
        Party sellingDealer,
        Party deliveryDealer,
        Buyer buyer,
        List<QuoteLine> lines,
        long totalCents,
        Instant placedAt,
        Instant holdExpiresAt,
        Instant updatedAt,
        @JsonIgnore long listingVersion,
        List<Change> history) {

    public Order {
        lines = List.copyOf(lines);
        history = List.copyOf(history);
    }

    /** What the buyer ordered, copied from the listing when the order was placed. */
    public record Vehicle(int year, String make, String model, String trim, String condition, String stockNumber,
                          String exteriorColor, int mileage) {
    }

    /** A dealer of the order, as the buyer and the other dealer see it. */
    public record Party(String dealerId, String name, String city, String zip) {
    }

    /** The buyer's contact: only the buyer (with the access token) and the two dealers see it. */
    public record Buyer(String name, String email, String phone, String zip) {
    }

    /** One step of the order's life: the state it entered, when, and who moved it. */
    public record Change(OrderStatus status, Instant at, Actor by) {
    }

    /** The order after {@code action} at {@code now} (the caller has checked the action is allowed). */
    public Order moved(OrderAction action, Instant now) {
        List<Change> next = new ArrayList<>(history);
        next.add(new Change(action.to(), now, action.actor()));
        return new Order(orderId, action.to(), version + 1, vin, vehicle, sellingDealer, deliveryDealer, buyer, lines,
                totalCents, placedAt, holdExpiresAt, now, listingVersion, next);
    }

    /** The roles the dealer has in this order (none: the dealer is not part of it). */
    public List<Actor> rolesOf(String dealerId) {
        List<Actor> roles = new ArrayList<>(2);
        if (sellingDealer.dealerId().equals(dealerId)) {
            roles.add(Actor.SELLER);
        }
        if (deliveryDealer.dealerId().equals(dealerId)) {
            roles.add(Actor.DELIVERY);
        }
        return roles;
    }
}
