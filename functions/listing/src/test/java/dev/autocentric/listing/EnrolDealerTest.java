package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /v1/admin/dealers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolDealerTest {

    static final String GOOD = """
            {"dealerId": "%s", "name": "Lakeside Chevrolet", "brands": ["Chevrolet"], "network": "GM",
             "deliveryPoint": true, "address": "1 Lake Rd", "city": "Chicago", "state": "IL", "zip": "60601",
             "lat": 41.88, "lon": -87.62}""";

    ListingApi api;

    @BeforeAll
    void start() {
        api = new ListingApi("Enrol");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void enrolsADealerAndShowsItsCredentialOnce() {
        var r = api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN, GOOD.formatted("lakeside"));
        assertEquals(201, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("lakeside", body.get("dealerId").asText());
        assertEquals("GM", body.get("network").asText());
        assertTrue(body.get("deliveryPoint").asBoolean());
        String credential = body.get("credential").asText();
        assertTrue(credential.startsWith("acd_lakeside_"));
        assertNull(body.get("credentialHash"));
        assertNull(body.get("credentialSalt"));
        var item = api.storedDealer("lakeside");
        assertNotNull(item);
        assertFalse(item.toString().contains(credential.substring("acd_lakeside_".length())), "secret stored");
        assertEquals("Chicago", item.get("city").s());
        // the credential works on the dealer's own routes
        assertEquals(200, api.send("GET", "/v1/dealers/lakeside/inventory", "Bearer " + credential, null).status());
    }

    @Test
    void generatesAnIdWhenNoneIsGiven() {
        var r = api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN,
                GOOD.formatted("x").replace("\"dealerId\": \"x\", ", ""));
        assertEquals(201, r.status(), r.body());
        String id = r.json().get("dealerId").asText();
        assertTrue(id.startsWith("dlr-"));
        assertNotNull(api.storedDealer(id));
    }

    @Test
    void anExistingDealerIdIsAConflictAndKeepsItsCredential() {
        String credential = api.enrol("taken-id");
        var before = api.snapshot();
        var r = api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN, GOOD.formatted("taken-id"));
        r.problem(409);
        assertEquals(before, api.snapshot());
        assertEquals(200, api.send("GET", "/v1/dealers/taken-id/inventory", "Bearer " + credential, null).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer wrong-token", "Basic dXNlcjpwYXNz"})
    void operatorTokenIsRequired(String authorization) {
        var before = api.snapshot();
        var r = api.send("POST", "/v1/admin/dealers", authorization.isEmpty() ? null : authorization,
                GOOD.formatted("no-auth"));
        r.problem(401);
        assertEquals("Bearer", r.header("WWW-Authenticate"));
        assertEquals(before, api.snapshot());
    }

    @Test
    void aDealerCredentialIsNotAnOperatorToken() {
        String credential = api.enrol("not-operator");
        var before = api.snapshot();
        api.send("POST", "/v1/admin/dealers", "Bearer " + credential, GOOD.formatted("by-dealer")).problem(401);
        assertEquals(before, api.snapshot());
    }

    @Test
    void badBodiesNameEachFieldAndWriteNothing() {
        var before = api.snapshot();
        var r = api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN, """
                {"dealerId": "Bad_Id", "name": 5, "network": "FORD", "deliveryPoint": "yes", "address": "",
                 "state": "Illinois", "zip": 60601, "lat": 91, "lon": "x", "fax": "none"}""");
        JsonNode problem = r.problem(400);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        for (String f : List.of("dealerId", "name", "network", "deliveryPoint", "address", "city", "state", "zip",
                "lat", "lon", "fax")) {
            assertTrue(fields.contains(f), f + " not named in " + problem);
        }
        api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN, "{\"name\": ").problem(400);
        api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN, null).problem(400);
        api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN, "[]").problem(400);
        api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN,
                GOOD.formatted("big").replace("Lakeside", "x".repeat(20_000))).problem(413);
        assertEquals(before, api.snapshot());
    }

    @Test
    void onlyDeliveryPointsCarryTheKeyOfTheSparseDeliveryPointIndex() {
        api.enrol("dp-key");
        assertEquals("DP", api.storedDealer("dp-key").get("deliveryPointGroup").s());
        var r = api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN,
                GOOD.formatted("gm-not-dp").replace("\"deliveryPoint\": true", "\"deliveryPoint\": false"));
        assertEquals(201, r.status(), r.body());
        assertFalse(api.storedDealer("gm-not-dp").containsKey("deliveryPointGroup"));
        r = api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN,
                GOOD.formatted("other-brand").replace("\"GM\"", "\"OTHER\"").replace("\"deliveryPoint\": true, ", ""));
        assertEquals(201, r.status(), r.body());
        assertFalse(api.storedDealer("other-brand").containsKey("deliveryPointGroup"));
    }

    @Test
    void onlyGmDealersAreDeliveryPoints() {
        var r = api.send("POST", "/v1/admin/dealers", "Bearer " + ListingApi.ADMIN_TOKEN,
                GOOD.formatted("other-net").replace("\"GM\"", "\"OTHER\""));
        assertEquals("deliveryPoint", r.problem(400).get("errors").get(0).get("field").asText());
        assertNull(api.storedDealer("other-net"));
    }
}
