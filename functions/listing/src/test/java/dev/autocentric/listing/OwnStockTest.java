package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /v1/dealers/{dealerId}/inventory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnStockTest {

    ListingApi api;
    String cred;
    String otherCred;
    List<String> mine = new ArrayList<>();

    @BeforeAll
    void start() {
        api = new ListingApi("Stock");
        cred = api.enrol("stock-a");
        otherCred = api.enrol("stock-b");
        for (int i = 0; i < 7; i++) {
            var v = ListingApi.vehicle(ListingApi.newVin());
            if (i == 1) {
                v.put("listed", false);
            }
            mine.add(api.put("stock-a", cred, v));
        }
        api.send("DELETE", "/v1/dealers/stock-a/inventory/" + mine.get(2), "Bearer " + cred, null);
        api.put("stock-b", otherCred, ListingApi.vehicle(ListingApi.newVin()));
        mine.sort(String::compareTo);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    GatewayCalls.Response page(String query, String credential) {
        return api.send("GET", "/v1/dealers/stock-a/inventory" + query, "Bearer " + credential, null);
    }

    @Test
    void pagesThroughOwnStockListedOrNot() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var r = page("?limit=3" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), cred);
            assertEquals(200, r.status(), r.body());
            JsonNode body = r.json();
            body.get("items").forEach(item -> {
                seen.add(item.get("vin").asText());
                assertEquals("stock-a", item.get("dealerId").asText());
            });
            cursor = body.hasNonNull("nextCursor") ? body.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(mine, seen);
    }

    @Test
    void aPageEndingExactlyAtTheLimitHasNoCursor() {
        JsonNode body = page("?limit=7", cred).json();
        assertEquals(7, body.get("items").size());
        assertFalse(body.has("nextCursor"));
        JsonNode defaults = page("", cred).json();
        assertEquals(7, defaults.get("items").size());
        assertFalse(defaults.has("nextCursor"));
    }

    @Test
    void badParametersAreNamed() {
        assertEquals("limit", page("?limit=0", cred).problem(400).get("errors").get(0).get("field").asText());
        page("?limit=101", cred).problem(400);
        page("?limit=abc", cred).problem(400);
        String cursor = page("?limit=2", cred).json().get("nextCursor").asText();
        String tampered = cursor.substring(0, 3) + (cursor.charAt(3) == 'A' ? 'B' : 'A') + cursor.substring(4);
        assertEquals("cursor", page("?cursor=" + URLEncoder.encode(tampered, StandardCharsets.UTF_8), cred)
                .problem(400).get("errors").get(0).get("field").asText());
        page("?cursor=garbage", cred).problem(400);
        // a cursor of dealer A's list does not continue dealer B's
        String theirs = api.send("GET", "/v1/dealers/stock-b/inventory?limit=1", "Bearer " + otherCred, null).json()
                .path("nextCursor").asText("");
        assertTrue(theirs.isEmpty(), "stock-b has one vehicle");
        api.send("GET", "/v1/dealers/stock-b/inventory?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                "Bearer " + otherCred, null).problem(400);
    }

    @Test
    void credentialsAreChecked() {
        api.send("GET", "/v1/dealers/stock-a/inventory", null, null).problem(401);
        page("", otherCred).problem(403);
    }
}
