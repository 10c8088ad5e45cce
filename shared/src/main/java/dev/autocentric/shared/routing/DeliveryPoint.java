package dev.autocentric.shared.routing;

import dev.autocentric.shared.dealer.Dealer;

/** A GM-network dealer that takes delivery of vehicles for buyers near it: what routing needs of it. */
public record DeliveryPoint(String dealerId, String name, String city, String state, String zip, double lat,
                            double lon) {

    /** The delivery point of an enrolled dealer (the caller checks {@link Dealer#deliveryPoint()}). */
    public static DeliveryPoint of(Dealer dealer) {
        return new DeliveryPoint(dealer.dealerId(), dealer.name(), dealer.city(), dealer.state(), dealer.zip(),
                dealer.lat(), dealer.lon());
    }
}
