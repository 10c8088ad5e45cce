package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /v1/listings/{vin}, and answers for routes the function does not have. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GetListingTest {

    ListingApi api;
    String cred;

    @BeforeAll
    void start() {
        api = new ListingApi("Detail");
        cred = api.enrol("detail-a");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aListedAvailableVehicleWithItsDealer() {
        String vin = api.put("detail-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        var r = api.send("GET", "/v1/listings/" + vin, null, null);
        assertEquals(200, r.status(), r.body());
        assertEquals("\"1\"", r.header("ETag"));
        JsonNode body = r.json();
        assertEquals(vin, body.get("vin").asText());
        assertEquals(2749900, body.get("ePriceCents").asLong());
        assertEquals("Dealer detail-a", body.get("dealerName").asText());
        assertEquals("Detroit", body.get("dealerCity").asText());
        assertFalse(body.has("credentialHash"));
        assertEquals("NONE", body.get("dealRating").get("rating").asText(), "one vehicle has no comparables");
        assertEquals(200, api.send("GET", "/v1/listings/" + vin.toLowerCase(), null, null).status());
    }

    @Test
    void reservedVehiclesStayVisible() {
        String vin = api.put("detail-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        api.setStatus(vin, "RESERVED");
        var r = api.send("GET", "/v1/listings/" + vin, null, null);
        assertEquals(200, r.status());
        assertEquals("RESERVED", r.json().get("status").asText());
    }

    @Test
    void unlistedWithdrawnSoldAndUnknownAreNotFound() {
        String unlisted = api.put("detail-a", cred, ListingApi.vehicle(ListingApi.newVin()).put("listed", false));
        api.send("GET", "/v1/listings/" + unlisted, null, null).problem(404);
        String withdrawn = api.put("detail-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        api.send("DELETE", "/v1/dealers/detail-a/inventory/" + withdrawn, "Bearer " + cred, null);
        api.send("GET", "/v1/listings/" + withdrawn, null, null).problem(404);
        String sold = api.put("detail-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        api.setStatus(sold, "SOLD");
        api.send("GET", "/v1/listings/" + sold, null, null).problem(404);
        api.send("GET", "/v1/listings/" + ListingApi.newVin(), null, null).problem(404);
    }

    @Test
    void badVinsAreNamed() {
        JsonNode problem = api.send("GET", "/v1/listings/1G1ZD5ST0LF0O2345", null, null).problem(400);
        assertEquals("vin", problem.get("errors").get(0).get("field").asText());
        api.send("GET", "/v1/listings/SHORT", null, null).problem(400);
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        api.send("GET", "/v1/nowhere", null, null).problem(404);
        api.send("PATCH", "/v1/listings/" + ListingApi.newVin(), null, "{}").problem(405);
    }
}
