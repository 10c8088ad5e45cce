package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /v1/dealers/{dealerId}/inventory/batch. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchUpsertTest {

    ListingApi api;
    String cred;
    String otherCred;

    @BeforeAll
    void start() {
        api = new ListingApi("Batch");
        cred = api.enrol("feed-a");
        otherCred = api.enrol("feed-b");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    GatewayCalls.Response batch(String credential, String body) {
        return api.send("POST", "/v1/dealers/feed-a/inventory/batch", "Bearer " + credential, body);
    }

    @Test
    void fiveHundredItemsStoreTheGoodAndReportTheBadByIndex() {
        String othersVin = api.put("feed-b", otherCred, ListingApi.vehicle(ListingApi.newVin()));
        String reservedVin = api.put("feed-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        api.setStatus(reservedVin, "RESERVED");
        String unchangedVin = api.put("feed-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        var reservedBefore = api.storedListing(reservedVin);
        var othersBefore = api.storedListing(othersVin);

        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        List<String> vins = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String vin = ListingApi.newVin();
            vins.add(vin);
            items.add(ListingApi.vehicle(vin).put("stockNumber", "S" + i));
        }
        ((ObjectNode) items.get(7)).put("vin", "1G1ZD5ST0LF0Q0000");               // bad VIN (Q)
        ((ObjectNode) items.get(42)).put("ePriceCents", -1);                        // negative price
        ((ObjectNode) items.get(99)).put("msrpCents", "lots");                      // wrong type
        ((ObjectNode) items.get(150)).remove("make");                               // missing field
        ((ObjectNode) items.get(151)).put("vin", vins.get(150 - 1));               // duplicate of item 149
        ((ObjectNode) items.get(200)).put("vin", othersVin);                        // another dealer's VIN
        ((ObjectNode) items.get(201)).put("vin", reservedVin);                      // reserved by an order
        items.set(202, ListingApi.vehicle(unchangedVin));                           // nothing changes
        items.set(300, JsonNodeFactory.instance.textNode("not a vehicle"));         // not an object

        var r = batch(cred, JsonNodeFactory.instance.objectNode().set("items", items).toString());
        assertEquals(200, r.status(), r.body());
        JsonNode results = r.json().get("results");
        assertEquals(500, results.size());
        Map<Integer, String> expectedRejections = Map.of(7, "vin", 42, "ePriceCents", 99, "msrpCents", 150, "make",
                151, "vin", 200, "vin", 201, "status", 300, "");
        int stored = 0;
        for (int i = 0; i < 500; i++) {
            JsonNode result = results.get(i);
            assertEquals(i, result.get("index").asInt());
            String status = result.get("status").asText();
            if (expectedRejections.containsKey(i)) {
                assertEquals("rejected", status, result.toString());
                assertEquals(expectedRejections.get(i), result.get("errors").get(0).path("field").asText(""),
                        result.toString());
                assertTrue(result.get("errors").get(0).hasNonNull("code"));
            } else if (i == 202) {
                assertEquals("unchanged", status, result.toString());
            } else {
                assertEquals("stored", status, result.toString());
                assertEquals(vins.get(i), result.get("vin").asText());
                assertNotNull(api.storedListing(vins.get(i)), "item " + i);
                stored++;
            }
        }
        assertEquals(491, stored);
        assertEquals("151", "" + results.get(151).get("index").asInt());
        assertEquals("duplicate", results.get(151).get("errors").get(0).get("code").asText());
        for (int bad : List.of(42, 99, 150)) {
            assertNull(api.storedListing(vins.get(bad)), "rejected item " + bad + " was stored");
        }
        assertEquals(reservedBefore, api.storedListing(reservedVin));
        assertEquals(othersBefore, api.storedListing(othersVin));
        assertEquals("S149", api.storedListing(vins.get(149)).get("stockNumber").s());
    }

    @Test
    void aSecondRunOfTheSameFeedIsAllUnchanged() {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 30; i++) {
            items.add(ListingApi.vehicle(ListingApi.newVin()));
        }
        String body = JsonNodeFactory.instance.objectNode().set("items", items).toString();
        batch(cred, body).json().get("results").forEach(r -> assertEquals("stored", r.get("status").asText()));
        var before = api.snapshot();
        batch(cred, body).json().get("results").forEach(r -> {
            assertEquals("unchanged", r.get("status").asText());
            assertEquals(1, r.get("version").asInt());
        });
        assertEquals(before, api.snapshot());
    }

    @Test
    void badEnvelopesWriteNothing() {
        var before = api.snapshot();
        batch(cred, "{\"items\": [").problem(400);
        batch(cred, "{}").problem(400);
        batch(cred, "{\"items\": {}}").problem(400);
        batch(cred, "{\"items\": []}").problem(400);
        batch(cred, "[" + ListingApi.vehicle(ListingApi.newVin()) + "]").problem(400);
        JsonNode extra = batch(cred, "{\"items\": [" + ListingApi.vehicle(ListingApi.newVin()) + "], \"mode\": \"x\"}")
                .problem(400);
        assertEquals("mode", extra.get("errors").get(0).get("field").asText());
        ArrayNode tooMany = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 501; i++) {
            tooMany.add(ListingApi.vehicle(ListingApi.newVin()));
        }
        batch(cred, JsonNodeFactory.instance.objectNode().set("items", tooMany).toString()).problem(400);
        ArrayNode huge = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 40; i++) {
            huge.add(ListingApi.vehicle(ListingApi.newVin()).put("trim", "x".repeat(30_000)));
        }
        batch(cred, JsonNodeFactory.instance.objectNode().set("items", huge).toString()).problem(413);
        assertEquals(before, api.snapshot());
    }

    @Test
    void credentialsAreChecked() {
        String body = "{\"items\": [" + ListingApi.vehicle(ListingApi.newVin()) + "]}";
        var before = api.snapshot();
        api.send("POST", "/v1/dealers/feed-a/inventory/batch", null, body).problem(401);
        batch(otherCred, body).problem(403);
        api.send("POST", "/v1/dealers/ghost/inventory/batch", "Bearer " + cred, body).problem(403);
        assertEquals(before, api.snapshot());
    }
}
