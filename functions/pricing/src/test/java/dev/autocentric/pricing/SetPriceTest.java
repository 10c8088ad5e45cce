package dev.autocentric.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PUT /v1/dealers/{dealerId}/inventory/{vin}/price and GET /v1/listings/{vin}/price-history. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetPriceTest {

    PricingApi api;
    String cred;
    String otherCred;

    @BeforeAll
    void start() {
        api = new PricingApi("Price");
        cred = api.enrol("price-a");
        otherCred = api.enrol("price-b");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    GatewayCalls.Response setPrice(String dealerId, String vin, String credential, String body, Map<String, String> h) {
        return api.send("PUT", "/v1/dealers/" + dealerId + "/inventory/" + vin + "/price", credential, body, h);
    }

    GatewayCalls.Response setPrice(String vin, long cents) {
        return setPrice("price-a", vin, cred, "{\"ePriceCents\": " + cents + "}", Map.of());
    }

    @Test
    void aChangeBumpsTheVersionAndIsInTheHistoryNewestFirst() {
        String vin = api.list("price-a", 2_749_900).vin();
        var r = setPrice(vin, 2_699_900);
        assertEquals(200, r.status(), r.body());
        assertEquals("\"2\"", r.header("ETag"));
        assertEquals(2_699_900, r.json().get("ePriceCents").asLong());
        Listing stored = api.listings.get(vin).orElseThrow();
        assertEquals(2, stored.version());
        assertEquals(2_699_900, stored.vehicle().ePriceCents());

        var same = setPrice(vin, 2_699_900);
        assertEquals(200, same.status());
        assertEquals("\"2\"", same.header("ETag"), "an unchanged price writes nothing");

        assertEquals(200, setPrice(vin, 2_649_900).status());
        JsonNode history = api.send("GET", "/v1/listings/" + vin + "/price-history", null, null).json();
        JsonNode items = history.get("items");
        assertEquals(2, items.size(), history.toString());
        assertEquals(3, items.get(0).get("version").asLong());
        assertEquals(2_649_900, items.get(0).get("ePriceCents").asLong());
        assertEquals(2_699_900, items.get(0).get("previousCents").asLong());
        assertEquals("price-a", items.get(0).get("dealerId").asText());
        assertEquals(2, items.get(1).get("version").asLong());
        assertEquals(2_749_900, items.get(1).get("previousCents").asLong());
        assertFalse(history.has("nextCursor"));
    }

    @Test
    void historyPagesWithCursors() {
        String vin = api.list("price-a", 2_749_900).vin();
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, setPrice(vin, 2_749_900 - i * 10_000L).status());
        }
        List<Long> versions = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String q = "/v1/listings/" + vin + "/price-history?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = api.send("GET", q, null, null).json();
            page.get("items").forEach(i -> versions.add(i.get("version").asLong()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(List.of(6L, 5L, 4L, 3L, 2L), versions);
        assertEquals(3, pages);

        String forged = api.send("GET", "/v1/listings/" + vin + "/price-history?limit=2", null, null).json()
                .get("nextCursor").asText().replace('A', 'B') + "x";
        api.send("GET", "/v1/listings/" + vin + "/price-history?cursor=" + forged, null, null).problem(400);
        String otherVin = api.list("price-a", 2_749_900).vin();
        String foreignCursor = api.send("GET", "/v1/listings/" + vin + "/price-history?limit=1", null, null).json()
                .get("nextCursor").asText();
        api.send("GET", "/v1/listings/" + otherVin + "/price-history?cursor=" + foreignCursor, null, null).problem(400);
        api.send("GET", "/v1/listings/" + vin + "/price-history?limit=0", null, null).problem(400);
        api.send("GET", "/v1/listings/" + PricingApi.newVin() + "/price-history", null, null).problem(404);
    }

    @Test
    void ifMatchMakesItConditional() {
        String vin = api.list("price-a", 2_749_900).vin();
        setPrice("price-a", vin, cred, "{\"ePriceCents\": 2600000}", Map.of("if-match", "\"9\"")).problem(412);
        var ok = setPrice("price-a", vin, cred, "{\"ePriceCents\": 2600000}", Map.of("if-match", "\"1\""));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("\"2\"", ok.header("ETag"));
    }

    @Test
    void badRequestsAreProblemsAndWriteNothing() {
        String vin = api.list("price-a", 2_749_900).vin();
        var before = api.snapshot();
        String path = "/v1/dealers/price-a/inventory/" + vin + "/price";
        api.send("PUT", path, null, "{\"ePriceCents\": 2600000}").problem(401);
        api.send("PUT", path, "acd_price-a_wrong", "{\"ePriceCents\": 2600000}").problem(401);
        api.send("PUT", path, otherCred, "{\"ePriceCents\": 2600000}").problem(403);
        setPrice("price-b", vin, otherCred, "{\"ePriceCents\": 2600000}", Map.of()).problem(404);
        JsonNode problem = setPrice(vin, 0).problem(400);
        assertEquals("ePriceCents", problem.get("errors").get(0).get("field").asText());
        setPrice(vin, -5).problem(400);
        setPrice(vin, 99_000_000_000L).problem(400);
        assertEquals("price_band", setPrice(vin, 100).problem(400).get("errors").get(0).get("code").asText());
        setPrice("price-a", vin, cred, "{\"ePriceCents\": 2600000.5}", Map.of()).problem(400);
        setPrice("price-a", vin, cred, "{\"ePriceCents\": \"2600000\"}", Map.of()).problem(400);
        setPrice("price-a", vin, cred, "{\"ePriceCents\": 2600000, \"x\": 1}", Map.of()).problem(400);
        setPrice("price-a", vin, cred, "{\"ePriceCents\": ", Map.of()).problem(400);
        setPrice("price-a", vin, cred, null, Map.of()).problem(400);
        setPrice("price-a", vin, cred, "{\"ePriceCents\": 1" + "0".repeat(5000) + "}", Map.of()).problem(413);
        setPrice("price-a", "1G1ZD5ST0LF0O2345", cred, "{\"ePriceCents\": 2600000}", Map.of()).problem(400);
        setPrice("price-a", PricingApi.newVin(), cred, "{\"ePriceCents\": 2600000}", Map.of()).problem(404);
        assertEquals(before, api.snapshot());
    }

    @Test
    void reservedOrSoldVehiclesBelongToTheOrder() {
        Listing listing = api.list("price-a", 2_749_900);
        api.listings.replace(withStatus(listing, ListingStatus.RESERVED), listing);
        var before = api.snapshot();
        setPrice(listing.vin(), 2_600_000).problem(409);
        assertEquals(before, api.snapshot());
    }

    static Listing withStatus(Listing l, ListingStatus status) {
        return l.withChange(l.vehicle(), status, l.updatedAt(), l.dealerName(), l.dealerCity(), l.dealerZip(),
                l.dealerLat(), l.dealerLon());
    }
}
