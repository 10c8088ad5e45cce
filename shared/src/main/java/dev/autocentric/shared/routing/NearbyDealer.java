package dev.autocentric.shared.routing;

/** A delivery point and its great-circle distance in miles from the place asked about. */
public record NearbyDealer(DeliveryPoint dealer, double distanceMiles) {
}
