package dev.autocentric.orders;

/** Who may take an action on an order. */
public enum Actor {
    /** The buyer, proven by the order's access token. */
    BUYER,
    /** The dealer whose stock the vehicle is. */
    SELLER,
    /** The dealer nearest the buyer, where the buyer collects the vehicle. */
    DELIVERY,
    /** The hold-expiry sweeper. */
    SYSTEM
}
