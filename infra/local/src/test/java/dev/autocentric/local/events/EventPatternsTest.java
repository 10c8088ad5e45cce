package dev.autocentric.local.events;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventPatternsTest {

    private static final String PLACED = """
            {"version":"0","id":"e1","detail-type":"OrderPlaced","source":"autocentric.orders",
             "account":"123456789012","time":"2026-11-26T07:00:00Z","region":"us-east-1","resources":[],
             "detail":{"eventId":"x","data":{"totalCents":2749900,"sellingDealerId":"d-1","state":"TX"}}}""";

    private static final String PRICE_CHANGED = """
            {"version":"0","id":"e2","detail-type":"ListingPriceChanged","source":"autocentric.listings",
             "account":"123456789012","time":"2026-11-26T07:00:00Z","region":"us-east-1","resources":[],
             "detail":{"data":{"vin":"1G1ZD5ST1LF012345"}}}""";

    private final EventPatterns patterns = new EventPatterns()
            .add("orders", "{\"source\":[\"autocentric.orders\"]}")
            .add("bigOrders", "{\"source\":[\"autocentric.orders\"],\"detail\":{\"data\":{\"totalCents\":[{\"numeric\":[\">\",2000000]}]}}}")
            .add("notTexas", "{\"detail\":{\"data\":{\"state\":[{\"anything-but\":\"TX\"}]}}}")
            .add("listingByPrefix", "{\"detail-type\":[{\"prefix\":\"Listing\"}]}")
            .add("tap", RuleRouter.CATCH_ALL);

    @Test
    void matchesByEventBridgeSemantics() {
        assertEquals(List.of("bigOrders", "orders", "tap"), patterns.matching(PLACED).stream().sorted().toList());
        assertEquals(List.of("listingByPrefix", "tap"), patterns.matching(PRICE_CHANGED).stream().sorted().toList());
    }

    @Test
    void aNonMatchingEventMatchesNothingButTheTap() {
        String other = PLACED.replace("autocentric.orders", "autocentric.other").replace("\"TX\"", "\"CA\"");
        assertEquals(List.of("notTexas", "tap"), patterns.matching(other).stream().sorted().toList());
    }

    @Test
    void rejectsAnInvalidPattern() {
        assertThrows(IllegalArgumentException.class, () -> patterns.add("bad", "{\"source\":\"not-an-array\"}"));
        assertThrows(IllegalArgumentException.class, () -> patterns.add("bad", "not json"));
    }

    @Test
    void anEventThatIsNotJsonMatchesNothing() {
        assertEquals(List.of(), patterns.matching("not json"));
    }
}
