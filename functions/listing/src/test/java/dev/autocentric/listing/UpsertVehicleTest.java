package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PUT /v1/dealers/{dealerId}/inventory/{vin}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpsertVehicleTest {

    ListingApi api;
    String cred;
    String otherCred;

    @BeforeAll
    void start() {
        api = new ListingApi("Upsert");
        cred = api.enrol("dealer-a");
        otherCred = api.enrol("dealer-b");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    GatewayCalls.Response put(String dealerId, String vin, String credential, String body, Map<String, String> headers) {
        return api.send("PUT", "/v1/dealers/" + dealerId + "/inventory/" + vin,
                credential == null ? null : "Bearer " + credential, body, headers);
    }

    GatewayCalls.Response put(String vin, String body) {
        return put("dealer-a", vin, cred, body, Map.of());
    }

    @Test
    void createsThenUpdatesThenLeavesUnchanged() {
        String vin = ListingApi.newVin();
        ObjectNode car = ListingApi.vehicle(vin);
        var created = put(vin, car.toString());
        assertEquals(201, created.status(), created.body());
        assertEquals("\"1\"", created.header("ETag"));
        assertEquals("AVAILABLE", created.json().get("status").asText());
        assertEquals("dealer-a", created.json().get("dealerId").asText());
        assertEquals("1", api.storedListing(vin).get("version").n());

        var same = put(vin, car.toString());
        assertEquals(200, same.status());
        assertEquals("\"1\"", same.header("ETag"));
        assertEquals(created.json().get("updatedAt"), same.json().get("updatedAt"));

        car.put("ePriceCents", 2_699_900);
        var changed = put(vin, car.toString());
        assertEquals(200, changed.status());
        assertEquals("\"2\"", changed.header("ETag"));
        var stored = api.storedListing(vin);
        assertEquals("2699900", stored.get("ePriceCents").n());
        assertEquals("2", stored.get("version").n());
    }

    @Test
    void theBodyIsJsonWhateverContentTypeCurlSent() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            String vin = ListingApi.newVin();
            var r = put("dealer-a", vin, cred, ListingApi.vehicle(vin).toString(), Map.of("content-type", type));
            assertEquals(201, r.status(), type + ": " + r.body());
        }
    }

    @Test
    void theBodyMayOmitTheVin() {
        String vin = ListingApi.newVin();
        ObjectNode car = ListingApi.vehicle(vin);
        car.remove("vin");
        assertEquals(201, put(vin.toLowerCase(), car.toString()).status());
        assertNotNull(api.storedListing(vin));
    }

    @Test
    void ifMatchMakesTheWriteConditional() {
        String vin = api.put("dealer-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        ObjectNode car = ListingApi.vehicle(vin);
        car.put("mileage", 500);
        var before = api.snapshot();
        put("dealer-a", vin, cred, car.toString(), Map.of("If-Match", "\"7\"")).problem(412);
        put("dealer-a", vin, cred, car.toString(), Map.of("If-Match", "garbage")).problem(412);
        assertEquals(before, api.snapshot());
        var ok = put("dealer-a", vin, cred, car.toString(), Map.of("If-Match", "\"1\""));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("\"2\"", ok.header("ETag"));
        car.put("mileage", 600);
        assertEquals("\"3\"", put("dealer-a", vin, cred, car.toString(), Map.of("If-Match", "*")).header("ETag"));
        // If-Match on a VIN not in stock
        String fresh = ListingApi.newVin();
        put("dealer-a", fresh, cred, ListingApi.vehicle(fresh).toString(), Map.of("If-Match", "\"1\"")).problem(412);
        put("dealer-a", fresh, cred, ListingApi.vehicle(fresh).toString(), Map.of("If-Match", "*")).problem(412);
        assertNull(api.storedListing(fresh));
    }

    @Test
    void anotherDealersVinIsAConflict() {
        String vin = api.put("dealer-b", otherCred, ListingApi.vehicle(ListingApi.newVin()));
        var before = api.snapshot();
        JsonNode problem = put(vin, ListingApi.vehicle(vin).put("ePriceCents", 2_000_000).toString()).problem(409);
        assertEquals("vin", problem.get("errors").get(0).get("field").asText());
        assertEquals(before, api.snapshot());
        assertEquals("dealer-b", api.storedListing(vin).get("dealerId").s());
    }

    @Test
    void reservedAndSoldVehiclesAreTheOrdersToChange() {
        for (String status : new String[] {"RESERVED", "SOLD"}) {
            String vin = api.put("dealer-a", cred, ListingApi.vehicle(ListingApi.newVin()));
            api.setStatus(vin, status);
            var before = api.snapshot();
            put(vin, ListingApi.vehicle(vin).put("ePriceCents", 2_000_000).toString()).problem(409);
            assertEquals(before, api.snapshot());
        }
    }

    @Test
    void aWithdrawnVehicleComesBackAvailable() {
        String vin = api.put("dealer-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        assertEquals(204, api.send("DELETE", "/v1/dealers/dealer-a/inventory/" + vin, "Bearer " + cred, null).status());
        var again = put(vin, ListingApi.vehicle(vin).toString());
        assertEquals(200, again.status());
        assertEquals("AVAILABLE", again.json().get("status").asText());
        assertEquals("\"3\"", again.header("ETag"));
        assertEquals("AVAILABLE", api.storedListing(vin).get("status").s());
    }

    @Test
    void badInputAnswersProblemJsonAndWritesNothing() {
        String vin = ListingApi.newVin();
        var before = api.snapshot();
        // malformed JSON
        put(vin, "{\"vin\": \"" + vin + "\", ").problem(400);
        put(vin, "{\"make\": \"A\", \"make\": \"B\"}").problem(400);
        put(vin, "").problem(400);
        // wrong types
        JsonNode wrong = put(vin, ListingApi.vehicle(vin).put("year", "2024").put("msrpCents", 2899500.0)
                .put("listed", 1).toString()).problem(400);
        assertEquals(Set.of("year", "msrpCents", "listed"), fields(wrong));
        // missing fields
        ObjectNode missing = ListingApi.vehicle(vin);
        missing.remove("make");
        missing.remove("ePriceCents");
        assertEquals(Set.of("make", "ePriceCents"), fields(put(vin, missing.toString()).problem(400)));
        // unknown field, bad enum, http photo
        ObjectNode odd = ListingApi.vehicle(vin).put("colour", "red").put("fuel", "COAL");
        odd.putArray("photos").add("http://insecure.example/p.jpg");
        assertEquals(Set.of("colour", "fuel", "photos[0]"), fields(put(vin, odd.toString()).problem(400)));
        // oversize body (> 64 KiB)
        ObjectNode big = ListingApi.vehicle(vin).put("trim", "x".repeat(70 * 1024));
        put(vin, big.toString()).problem(413);
        // bad VINs: wrong check digit in the path, I/O/Q, body differs from path
        String badCheck = vin.substring(0, 8) + (vin.charAt(8) == '0' ? '1' : '0') + vin.substring(9);
        assertEquals(Set.of("vin"), fields(put(badCheck, ListingApi.vehicle(badCheck).toString()).problem(400)));
        put("1G1ZD5ST0LF0I2345", ListingApi.vehicle(vin).toString()).problem(400);
        assertEquals(Set.of("vin"), fields(put(ListingApi.newVin(), ListingApi.vehicle(vin).toString()).problem(400)));
        // negative and absurd prices
        assertEquals(Set.of("ePriceCents"), fields(put(vin, ListingApi.vehicle(vin).put("ePriceCents", -100).toString()).problem(400)));
        assertEquals(Set.of("ePriceCents"), fields(put(vin, ListingApi.vehicle(vin).put("ePriceCents", 27_499).toString()).problem(400)));
        assertEquals(Set.of("msrpCents", "ePriceCents"), fields(put(vin, ListingApi.vehicle(vin)
                .put("msrpCents", 99_000_000_000L).put("ePriceCents", 99_000_000_000L).toString()).problem(400)));
        assertEquals(before, api.snapshot());
        assertNull(api.storedListing(vin));
    }

    @Test
    void credentialsAreChecked() {
        String vin = ListingApi.newVin();
        String body = ListingApi.vehicle(vin).toString();
        var before = api.snapshot();
        var none = put("dealer-a", vin, null, body, Map.of());
        none.problem(401);
        assertEquals("Bearer", none.header("WWW-Authenticate"));
        put("dealer-a", vin, "acd_dealer-a_" + "A".repeat(43), body, Map.of()).problem(401);
        put("dealer-a", vin, "not-a-credential", body, Map.of()).problem(401);
        put("dealer-a", vin, cred.substring(0, cred.length() - 1) + (cred.endsWith("A") ? "B" : "A"), body, Map.of())
                .problem(401);
        // another dealer's valid credential, on a known and on an unknown dealer
        put("dealer-a", vin, otherCred, body, Map.of()).problem(403);
        put("no-such-dealer", vin, cred, body, Map.of()).problem(403);
        assertEquals(before, api.snapshot());
    }

    static Set<String> fields(JsonNode problem) {
        Set<String> fields = new HashSet<>();
        problem.get("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertTrue(problem.get("type").asText().startsWith("https://autocentric.dev/problems/"));
        return fields;
    }
}
