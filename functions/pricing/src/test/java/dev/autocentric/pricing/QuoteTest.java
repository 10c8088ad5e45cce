package dev.autocentric.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.pricing.QuoteClaims;
import dev.autocentric.shared.pricing.QuoteSigner;
import dev.autocentric.shared.routing.GreatCircle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /v1/listings/{vin}/quote through the function, delivery points read from the Dealers table's index. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuoteTest {

    static final double DETROIT_LAT = 42.33181;
    static final double DETROIT_LON = -83.05035;
    static final double CHICAGO_LAT = 41.88515;
    static final double CHICAGO_LON = -87.62151;

    PricingApi api;
    String sellerCred;
    final QuoteSigner verifier = QuoteSigner.fromConfiguration(null, PricingApi.ADMIN_TOKEN_SHA256, Clock.systemUTC());

    @BeforeAll
    void start() {
        api = new PricingApi("Quote", Map.of("transfer.rate.cents.per.mile", "150",
                "transfer.minimum.cents", "9900", "transfer.cap.cents", "149900"));
        sellerCred = api.enrol("quote-detroit", "Detroit", "48226", DETROIT_LAT, DETROIT_LON);
        api.enrol("quote-troy", "Troy", "48084", 42.56063, -83.17558);
        api.enrol("quote-chicago", "Chicago", "60601", CHICAGO_LAT, CHICAGO_LON);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    JsonNode quote(String vin, String zip) {
        GatewayCalls.Response r = api.send("GET", "/v1/listings/" + vin + "/quote?zip=" + zip, null, null);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void aFarBuyerPaysTheRatePerMileToTheNearestDeliveryDealer() {
        Listing listing = api.list("quote-detroit", 2_749_900);
        JsonNode q = quote(listing.vin(), "60601");
        assertEquals("quote-chicago", q.get("deliveryDealer").get("dealerId").asText(), q.toString());
        assertEquals("Chicago", q.get("deliveryDealer").get("city").asText());
        JsonNode leg = q.get("leg");
        assertEquals("quote-detroit", leg.get("fromDealerId").asText());
        assertEquals("quote-chicago", leg.get("toDealerId").asText());
        double miles = GreatCircle.miles(DETROIT_LAT, DETROIT_LON, CHICAGO_LAT, CHICAGO_LON);
        assertEquals(miles, leg.get("distanceMiles").asDouble(), 1e-9);
        long tenths = Math.round(miles * 10);
        long transfer = (tenths * 150 + 5) / 10;
        assertTrue(transfer > 9_900 && transfer < 149_900, "between minimum and cap: " + transfer);
        JsonNode lines = q.get("lines");
        assertEquals("EPRICE", lines.get(0).get("code").asText());
        assertEquals(2_749_900, lines.get(0).get("amountCents").asLong());
        assertEquals("TRANSFER", lines.get(1).get("code").asText());
        assertEquals(transfer, lines.get(1).get("amountCents").asLong());
        assertTrue(lines.get(1).get("label").asText().contains("Detroit to Chicago"), lines.toString());
        long total = 2_749_900 + transfer + FeeSchedule.DOCUMENTATION_CENTS + FeeSchedule.DELIVERY_PREP_CENTS;
        assertEquals(total, q.get("totalCents").asLong());

        Instant expiresAt = Instant.parse(q.get("expiresAt").asText());
        assertTrue(Duration.between(Instant.now(), expiresAt).toMinutes() >= 29, "valid 30 minutes by default");
        QuoteClaims claims = assertInstanceOf(QuoteSigner.Valid.class, verifier.verify(q.get("quoteId").asText())).claims();
        assertEquals(listing.vin(), claims.vin());
        assertEquals(1, claims.listingVersion());
        assertEquals("quote-chicago", claims.deliveryDealerId());
        assertEquals("60601", claims.zip());
        assertEquals(total, claims.totalCents());
        assertEquals(expiresAt, claims.expiresAt());
    }

    @Test
    void aNearbyBuyerPaysTheMinimumAndTheSellersOwnBuyersNoTransfer() {
        Listing listing = api.list("quote-detroit", 2_749_900);
        JsonNode troy = quote(listing.vin(), "48084");
        assertEquals("quote-troy", troy.get("deliveryDealer").get("dealerId").asText());
        assertEquals(9_900, troy.get("lines").get(1).get("amountCents").asLong(), "short legs pay the minimum");
        JsonNode own = quote(listing.vin(), "48226");
        assertEquals("quote-detroit", own.get("deliveryDealer").get("dealerId").asText());
        assertEquals(0, own.get("leg").get("distanceMiles").asDouble());
        assertEquals(0, own.get("lines").get(1).get("amountCents").asLong(), "the seller delivers: no transfer");
    }

    @Test
    void aPriceChangeShowsInTheNextQuote() {
        Listing listing = api.list("quote-detroit", 2_749_900);
        long before = quote(listing.vin(), "48226").get("totalCents").asLong();
        GatewayCalls.Response r = api.send("PUT", "/v1/dealers/quote-detroit/inventory/" + listing.vin() + "/price",
                sellerCred, "{\"ePriceCents\": 2599900}");
        assertEquals(200, r.status(), r.body());
        JsonNode after = quote(listing.vin(), "48226");
        assertEquals(before - 150_000, after.get("totalCents").asLong());
        assertEquals(2, ((QuoteSigner.Valid) verifier.verify(after.get("quoteId").asText())).claims().listingVersion());
    }

    @Test
    void onlyListedAvailableVehiclesAndRealZipsAreQuoted() {
        Listing unlisted = api.list("quote-detroit", PricingApi.vehicle(PricingApi.newVin(), "Malibu", 2024, 12,
                2_899_500, 2_749_900, false));
        api.send("GET", "/v1/listings/" + unlisted.vin() + "/quote?zip=48226", null, null).problem(409);
        Listing withdrawn = api.list("quote-detroit", 2_749_900);
        api.listings.replace(SetPriceTest.withStatus(withdrawn, ListingStatus.WITHDRAWN), withdrawn);
        api.send("GET", "/v1/listings/" + withdrawn.vin() + "/quote?zip=48226", null, null).problem(409);
        Listing reserved = api.list("quote-detroit", 2_749_900);
        api.listings.replace(SetPriceTest.withStatus(reserved, ListingStatus.RESERVED), reserved);
        api.send("GET", "/v1/listings/" + reserved.vin() + "/quote?zip=48226", null, null).problem(409);
        api.send("GET", "/v1/listings/" + PricingApi.newVin() + "/quote?zip=48226", null, null).problem(404);

        String vin = api.list("quote-detroit", 2_749_900).vin();
        assertEquals("zip", api.send("GET", "/v1/listings/" + vin + "/quote", null, null).problem(400)
                .get("errors").get(0).get("field").asText());
        api.send("GET", "/v1/listings/" + vin + "/quote?zip=4822", null, null).problem(400);
        api.send("GET", "/v1/listings/" + vin + "/quote?zip=abcde", null, null).problem(400);
        api.send("GET", "/v1/listings/" + vin + "/quote?zip=00000", null, null).problem(400);
        api.send("GET", "/v1/listings/1G1ZD5ST0LF0O2345/quote?zip=48226", null, null).problem(400);
    }
}
