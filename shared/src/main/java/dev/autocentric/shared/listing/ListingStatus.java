package dev.autocentric.shared.listing;

/** Life of a listing: the dealer moves it between AVAILABLE and WITHDRAWN; the order lifecycle owns RESERVED and SOLD. */
public enum ListingStatus {
    AVAILABLE, RESERVED, SOLD, WITHDRAWN
}
