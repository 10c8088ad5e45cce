package dev.autocentric.shared.routing;

import java.util.List;
import java.util.Optional;

/**
 * The delivery points and how to reach them: a buyer's ZIP (its centroid) to the nearest delivery
 * dealers by great-circle miles, ties broken by dealerId. A malformed or unknown ZIP throws
 * {@link InvalidZipException} (a 400 for the caller).
 */
public interface DeliveryNetwork {

    /** The delivery dealer nearest the ZIP; empty only when there are no delivery points. */
    Optional<NearbyDealer> nearestTo(String zip);

    /** The {@code k} nearest delivery dealers, nearest first. */
    List<NearbyDealer> nearestTo(String zip, int k);

    /** A delivery point by dealer id; empty when the dealer is unknown or not a delivery point. */
    Optional<DeliveryPoint> point(String dealerId);
}
