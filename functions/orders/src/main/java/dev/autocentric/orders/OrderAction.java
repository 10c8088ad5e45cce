package dev.autocentric.orders;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The order lifecycle as a table: each action, who takes it, the states it starts from, the state
 * it ends in, and what it does to the listing. Every other (state, action) pair is refused.
 *
 * <pre>
 * PLACED --confirm(seller)--> CONFIRMED --ship(seller)--> SHIPPED --ready(delivery)--> READY_FOR_PICKUP
 *   |                            |                                                       |
 *   |--reject(seller)--> REJECTED (listing released)                         deliver(delivery)
 *   |--expire(system)--> EXPIRED  (listing released)                                     v
 *   '--cancel(buyer)---> CANCELLED (listing released) <--cancel(buyer)-- CONFIRMED    DELIVERED (listing SOLD)
 * </pre>
 */
public enum OrderAction {
    CONFIRM(Actor.SELLER, OrderStatus.CONFIRMED, ListingEffect.NONE, EnumSet.of(OrderStatus.PLACED)),
    REJECT(Actor.SELLER, OrderStatus.REJECTED, ListingEffect.RELEASE, EnumSet.of(OrderStatus.PLACED)),
    SHIP(Actor.SELLER, OrderStatus.SHIPPED, ListingEffect.NONE, EnumSet.of(OrderStatus.CONFIRMED)),
    READY(Actor.DELIVERY, OrderStatus.READY_FOR_PICKUP, ListingEffect.NONE, EnumSet.of(OrderStatus.SHIPPED)),
    DELIVER(Actor.DELIVERY, OrderStatus.DELIVERED, ListingEffect.SELL, EnumSet.of(OrderStatus.READY_FOR_PICKUP)),
    CANCEL(Actor.BUYER, OrderStatus.CANCELLED, ListingEffect.RELEASE,
            EnumSet.of(OrderStatus.PLACED, OrderStatus.CONFIRMED)),
    EXPIRE(Actor.SYSTEM, OrderStatus.EXPIRED, ListingEffect.RELEASE, EnumSet.of(OrderStatus.PLACED));

    /** What an action does to the reserved listing, in the same transaction as the order change. */
    public enum ListingEffect {
        /** The listing stays RESERVED. */
        NONE,
        /** RESERVED back to AVAILABLE: searchable again. */
        RELEASE,
        /** RESERVED to SOLD. */
        SELL
    }

    private final Actor actor;
    private final OrderStatus to;
    private final ListingEffect listingEffect;
    private final Set<OrderStatus> from;

    OrderAction(Actor actor, OrderStatus to, ListingEffect listingEffect, Set<OrderStatus> from) {
        this.actor = actor;
        this.to = to;
        this.listingEffect = listingEffect;
        this.from = from;
    }

    public Actor actor() {
        return actor;
    }

    public OrderStatus to() {
        return to;
    }

    public ListingEffect listingEffect() {
        return listingEffect;
    }

    public boolean allowedFrom(OrderStatus status) {
        return from.contains(status);
    }

    /** The lower-case name used in dealer action paths ({@code confirm}, {@code ready}, ...). */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action a dealer path names: only the dealer actions (confirm, reject, ship, ready, deliver). */
    public static Optional<OrderAction> dealerAction(String path) {
        for (OrderAction a : values()) {
            if ((a.actor == Actor.SELLER || a.actor == Actor.DELIVERY) && a.pathName().equals(path)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
