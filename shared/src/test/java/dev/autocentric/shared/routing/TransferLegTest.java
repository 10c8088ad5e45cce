package dev.autocentric.shared.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.Network;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferLegTest {
    static final DeliveryPoint DETROIT = new DeliveryPoint("dlr-detroit", "Detroit Chevrolet", "Detroit", "MI", "48226",
            42.33181, -83.05035);
    static final DeliveryPoint CHICAGO = new DeliveryPoint("dlr-chicago", "Chicago Chevrolet", "Chicago", "IL", "60601",
            41.88570, -87.62200);

    @Test
    void aDealerDeliveringToItselfIsAZeroLengthLegOfNoDays() {
        assertEquals(new TransferLeg("dlr-detroit", "dlr-detroit", 0, 0), TransferLeg.between(DETROIT, DETROIT));
        Dealer seller = new Dealer("dlr-detroit", "Detroit Chevrolet", List.of("Chevrolet"), Network.GM, true, "1 Main",
                "Detroit", "MI", "48226", 42.33181, -83.05035, null, null, Instant.EPOCH);
        assertEquals(0, TransferLeg.between(seller, DETROIT).distanceMiles());
        assertEquals(0, TransferLeg.between(seller, DETROIT).estimatedDays());
    }

    @Test
    void aLegBetweenTwoDealersIsGreatCircleMilesAndOneHandlingDayPlusOnePerStarted500Miles() {
        Dealer seller = new Dealer("dlr-other", "Detroit Ford", List.of("Ford"), Network.OTHER, false, "1 Main",
                "Detroit", "MI", "48226", 42.33181, -83.05035, null, null, Instant.EPOCH);
        TransferLeg leg = TransferLeg.between(seller, CHICAGO);
        assertEquals("dlr-other", leg.fromDealerId());
        assertEquals("dlr-chicago", leg.toDealerId());
        assertEquals(GreatCircle.miles(42.33181, -83.05035, 41.88570, -87.62200), leg.distanceMiles(), 1e-9);
        assertEquals(2, leg.estimatedDays());
        assertEquals(1, TransferLeg.between(seller, new DeliveryPoint("dlr-next-door", "n", "Detroit", "MI", "48226",
                42.33181, -83.05035)).estimatedDays(), "another dealer at the same place: handling only");
        assertEquals(2, TransferLeg.days(120));
        assertEquals(2, TransferLeg.days(500));
        assertEquals(3, TransferLeg.days(500.01));
        assertEquals(6, TransferLeg.days(2450));
    }
}
