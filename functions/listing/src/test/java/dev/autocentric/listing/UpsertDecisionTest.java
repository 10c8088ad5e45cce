package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.Network;
import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Transmission;
import dev.autocentric.shared.listing.Vehicle;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status and ownership rules of an upsert, without AWS. */
class UpsertDecisionTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");
    static final Dealer DEALER = new Dealer("dealer-a", "A Motors", List.of("Chevrolet"), Network.GM, true,
            "1 Main St", "Detroit", "MI", "48201", 42.33, -83.04, "salt", "hash", T0);
    static final Vehicle CAR = new Vehicle("1HGCM82633A004352", "S1", Condition.USED, 2020, "Honda", "Accord", "EX",
            BodyStyle.SEDAN, Fuel.GASOLINE, Drivetrain.FWD, Transmission.AUTOMATIC, "Blue", "Black", 30_000,
            2_500_000, 2_200_000, true, List.of(), List.of());

    static Listing stored(String dealerId, ListingStatus status, long version) {
        return new Listing(CAR, dealerId, status, version, T0, T0, "A Motors", "Detroit", "48201", 42.33, -83.04);
    }

    @Test
    void newVinIsCreatedAvailableAtVersionOne() {
        var d = assertInstanceOf(UpsertDecision.Create.class, UpsertDecision.decide(DEALER, CAR, null, null, T1));
        assertEquals(ListingStatus.AVAILABLE, d.listing().status());
        assertEquals(1, d.listing().version());
        assertEquals("A Motors", d.listing().dealerName());
    }

    @Test
    void ifMatchOnANewVinFails() {
        var d = assertInstanceOf(UpsertDecision.Refuse.class, UpsertDecision.decide(DEALER, CAR, null, 1L, T1));
        assertEquals(412, d.problem().status());
    }

    @Test
    void anotherDealersVinIsAConflict() {
        var d = assertInstanceOf(UpsertDecision.Refuse.class,
                UpsertDecision.decide(DEALER, CAR, stored("dealer-b", ListingStatus.AVAILABLE, 3), null, T1));
        assertEquals(409, d.problem().status());
    }

    @Test
    void reservedAndSoldBelongToTheOrder() {
        for (ListingStatus s : List.of(ListingStatus.RESERVED, ListingStatus.SOLD)) {
            var d = assertInstanceOf(UpsertDecision.Refuse.class,
                    UpsertDecision.decide(DEALER, CAR, stored("dealer-a", s, 3), null, T1));
            assertEquals(409, d.problem().status());
        }
    }

    @Test
    void withdrawnComesBackAvailable() {
        var d = assertInstanceOf(UpsertDecision.Replace.class,
                UpsertDecision.decide(DEALER, CAR, stored("dealer-a", ListingStatus.WITHDRAWN, 4), null, T1));
        assertEquals(ListingStatus.AVAILABLE, d.listing().status());
        assertEquals(5, d.listing().version());
        assertEquals(4, d.expected().version());
        assertEquals(T0, d.listing().createdAt());
        assertEquals(T1, d.listing().updatedAt());
    }

    @Test
    void sameFactsAreUnchanged() {
        var d = assertInstanceOf(UpsertDecision.Unchanged.class,
                UpsertDecision.decide(DEALER, CAR, stored("dealer-a", ListingStatus.AVAILABLE, 2), null, T1));
        assertEquals(2, d.listing().version());
    }

    @Test
    void aChangedPriceIsOneNewVersion() {
        Vehicle cheaper = new Vehicle(CAR.vin(), CAR.stockNumber(), CAR.condition(), CAR.year(), CAR.make(),
                CAR.model(), CAR.trim(), CAR.bodyStyle(), CAR.fuel(), CAR.drivetrain(), CAR.transmission(),
                CAR.exteriorColor(), CAR.interiorColor(), CAR.mileage(), CAR.msrpCents(), 2_100_000, true,
                List.of(), List.of());
        var d = assertInstanceOf(UpsertDecision.Replace.class,
                UpsertDecision.decide(DEALER, cheaper, stored("dealer-a", ListingStatus.AVAILABLE, 2), 2L, T1));
        assertEquals(3, d.listing().version());
        assertEquals(2_100_000, d.listing().vehicle().ePriceCents());
    }

    @Test
    void staleIfMatchFails() {
        var d = assertInstanceOf(UpsertDecision.Refuse.class,
                UpsertDecision.decide(DEALER, CAR, stored("dealer-a", ListingStatus.AVAILABLE, 2), 1L, T1));
        assertEquals(412, d.problem().status());
    }
}
