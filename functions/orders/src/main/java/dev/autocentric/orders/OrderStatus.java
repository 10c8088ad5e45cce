package dev.autocentric.orders;

/**
 * Where an order is in its life. PLACED holds the vehicle for the buyer until the selling dealer
 * confirms or the hold window ends; DELIVERED, REJECTED, CANCELLED and EXPIRED are final.
 */
public enum OrderStatus {
    PLACED, CONFIRMED, SHIPPED, READY_FOR_PICKUP, DELIVERED, REJECTED, CANCELLED, EXPIRED;

    public boolean isFinal() {
        return this == DELIVERED || this == REJECTED || this == CANCELLED || this == EXPIRED;
    }
}
