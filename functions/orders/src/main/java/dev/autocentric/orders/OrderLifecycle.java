package dev.autocentric.orders;

import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves orders through {@link OrderAction}'s table, with the listing in the same transaction when
 * the action releases or sells it, and expires holds that are due. Used by the HTTP function and
 * by the scheduled sweeper ({@link OrderExpiryFunction}).
 */
public final class OrderLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OrderLifecycle.class);

    private final OrderStore store;
    private final ListingRepository listings;
    private final Clock clock;

    public OrderLifecycle(OrderStore store, ListingRepository listings, Clock clock) {
        this.store = store;
        this.listings = listings;
        this.clock = clock;
    }

    /** What one sweep did: orders expired, and due orders left as they were (moved meanwhile). */
    public record Sweep(int expired, int skipped) {
    }

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The order after {@code action}, written conditionally on the order (and its listing) being
     * exactly as read. A pair the table does not allow, or a move that lost a race, is a 409
     * problem and writes nothing.
     */
    public Order move(Order current, OrderAction action) {
        if (!action.allowedFrom(current.status())) {
            throw invalidTransition(current, action);
        }
        Instant now = now(clock);
        Order next = current.moved(action, now);
        Listing listing = null;
        Listing listingNext = null;
        if (action.listingEffect() != OrderAction.ListingEffect.NONE) {
            listing = listings.get(current.vin()).orElse(null);
            if (listing == null || listing.status() != ListingStatus.RESERVED
                    || listing.version() != current.listingVersion()
                    || !listing.dealerId().equals(current.sellingDealer().dealerId())) {
                LOG.error("order {} does not hold the reservation of its listing {}", current.orderId(), current.vin());
                throw new Problem(Problem.TYPE_BASE + "reservation-mismatch", "Conflict", 409,
                        "the vehicle is not held by this order", List.of()).toException();
            }
            ListingStatus status = action.listingEffect() == OrderAction.ListingEffect.SELL
                    ? ListingStatus.SOLD : ListingStatus.AVAILABLE;
            listingNext = listing.withChange(listing.vehicle(), status, now, listing.dealerName(),
                    listing.dealerCity(), listing.dealerZip(), listing.dealerLat(), listing.dealerLon());
        }
        if (!store.transition(next, current, listingNext, listing)) {
            throw invalidTransition(store.get(current.orderId()).orElse(current), action);
        }
        LOG.info("order moved orderId={} {} -> {} by {}", next.orderId(), current.status(), next.status(),
                action.actor());
        return next;
    }

    /** Expires every PLACED order whose hold has ended, {@code batch} at a time, releasing its vehicle. */
    public Sweep expireDue(int batch) {
        int expired = 0;
        int skipped = 0;
        while (true) {
            List<Order> due = store.dueForExpiry(now(clock), batch);
            int before = expired;
            for (Order order : due) {
                try {
                    move(order, OrderAction.EXPIRE);
                    expired++;
                } catch (ProblemException e) {
                    // confirmed or cancelled in the meantime, or its listing is not its reservation
                    skipped++;
                    LOG.warn("order not expired orderId={}: {}", order.orderId(), e.problem().detail());
                }
            }
            if (due.size() < batch || expired == before) {
                return new Sweep(expired, skipped);
            }
        }
    }

    static ProblemException invalidTransition(Order current, OrderAction action) {
        return new Problem(Problem.TYPE_BASE + "invalid-transition", "Conflict", 409,
                "the order is " + current.status() + "; " + action.pathName() + " is not allowed now",
                List.of(new FieldError("status", "invalid_transition",
                        action.pathName() + " is not allowed from " + current.status()))).toException();
    }
}
