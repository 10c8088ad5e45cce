package dev.autocentric.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.listing.Listing;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /v1/dealers/{dealerId}/orders: as seller, as delivery dealer or both; by status; in pages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DealerOrdersTest {

    OrdersApi api;
    final List<String> sold = new ArrayList<>();
    final List<String> confirmed = new ArrayList<>();
    String ownOrder;

    @BeforeAll
    void start() {
        api = new OrdersApi("Dealer");
        api.enrol("list-seller", "Detroit", "48226", 42.33181, -83.05035);
        api.enrol("list-delivery", "Chicago", "60601", 41.88515, -87.62151);
        for (int i = 0; i < 5; i++) {
            api.clock.advance(java.time.Duration.ofSeconds(1));
            Listing listing = api.list("list-seller", 2_500_000 + i);
            String id = api.placed(UUID.randomUUID().toString(), OrdersApi.orderBody(listing.vin(),
                    api.quote(listing, "list-delivery", "60601"), "60601")).get("orderId").asText();
            sold.add(id);
            if (i < 2) {
                assertEquals(200, api.asDealer("list-seller", "POST", "/v1/dealers/list-seller/orders/" + id
                        + "/confirm").status());
                confirmed.add(id);
            }
        }
        // the delivery dealer also sells one of its own, to a buyer it delivers to itself
        Listing own = api.list("list-delivery", 2_100_000);
        ownOrder = api.placed(UUID.randomUUID().toString(), OrdersApi.orderBody(own.vin(),
                api.quote(own, "list-delivery", "60601"), "60601")).get("orderId").asText();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    JsonNode list(String dealerId, String query) {
        GatewayCalls.Response r = api.asDealer(dealerId, "GET", "/v1/dealers/" + dealerId + "/orders" + query);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(o -> ids.add(o.get("orderId").asText()));
        return ids;
    }

    @Test
    void theSellerSeesItsOrdersWithTheBuyerGroupedByStatusOldestFirst() {
        JsonNode page = list("list-seller", "");
        assertEquals(List.of(sold.get(0), sold.get(1), sold.get(2), sold.get(3), sold.get(4)), ids(page),
                "CONFIRMED before PLACED, each oldest first");
        assertNull(page.get("nextCursor"));
        JsonNode first = page.get("items").get(0);
        assertEquals("CONFIRMED", first.get("status").asText());
        assertEquals("ann@example.com", first.get("buyer").get("email").asText(), "the involved dealer sees the buyer");
        assertEquals("[\"SELLER\"]", first.get("roles").toString());
        assertEquals(confirmed, ids(list("list-seller", "?status=confirmed")));
        assertEquals(sold.subList(2, 5), ids(list("list-seller", "?status=PLACED&role=seller")));
        assertTrue(ids(list("list-seller", "?role=delivery")).isEmpty());
    }

    @Test
    void theDeliveryDealerSeesWhatItDeliversAndItsOwnOrderOnce() {
        List<String> all = ids(list("list-delivery", ""));
        assertEquals(6, all.size(), all.toString());
        assertEquals(1, all.stream().filter(ownOrder::equals).count(), "an order it sells and delivers, once");
        JsonNode own = null;
        for (JsonNode o : list("list-delivery", "").get("items")) {
            if (o.get("orderId").asText().equals(ownOrder)) {
                own = o;
            }
        }
        assertEquals("[\"SELLER\",\"DELIVERY\"]", own.get("roles").toString());
        assertEquals(List.of(ownOrder), ids(list("list-delivery", "?role=seller")));
        assertEquals(6, ids(list("list-delivery", "?role=delivery")).size());
    }

    @Test
    void pagesWalkEverythingOnceAndCursorsAreTamperEvident() {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list("list-delivery", "?limit=2" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            walked.addAll(ids(page));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
            assertTrue(pages <= 4, "three pages of two, then done");
        } while (cursor != null);
        assertEquals(ids(list("list-delivery", "")), walked);

        JsonNode firstPage = list("list-delivery", "?limit=2&status=PLACED");
        String placedCursor = firstPage.get("nextCursor").asText();
        List<String> placed = new ArrayList<>(ids(firstPage));
        placed.addAll(ids(list("list-delivery", "?limit=10&status=PLACED&cursor="
                + URLEncoder.encode(placedCursor, StandardCharsets.UTF_8))));
        assertEquals(ids(list("list-delivery", "?status=PLACED")), placed);

        String other = "/v1/dealers/list-delivery/orders?cursor=" + URLEncoder.encode(placedCursor,
                StandardCharsets.UTF_8);
        assertEquals("cursor", api.asDealer("list-delivery", "GET", other).problem(400).get("errors").get(0)
                .get("field").asText(), "a cursor of the PLACED list is not one of the full list");
        // one character of the signed payload changed (the last character carries padding bits only)
        int at = placedCursor.indexOf('.') - 3;
        String tampered = placedCursor.substring(0, at) + (placedCursor.charAt(at) == 'A' ? 'B' : 'A')
                + placedCursor.substring(at + 1);
        api.asDealer("list-delivery", "GET", "/v1/dealers/list-delivery/orders?status=PLACED&cursor=" + tampered)
                .problem(400);
    }

    @Test
    void badParametersAndOtherDealersAreRefused() {
        for (String q : List.of("?limit=0", "?limit=101", "?limit=x", "?status=LOST", "?role=buyer")) {
            api.asDealer("list-seller", "GET", "/v1/dealers/list-seller/orders" + q).problem(400);
        }
        api.asDealer("list-seller", "GET", "/v1/dealers/list-delivery/orders").problem(403);
        api.send("GET", "/v1/dealers/list-seller/orders", java.util.Map.of(), null).problem(401);
        assertFalse(list("list-seller", "").toString().contains(ownOrder), "never another dealer's order");
    }
}
