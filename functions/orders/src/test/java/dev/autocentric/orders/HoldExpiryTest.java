package dev.autocentric.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.search.SearchKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hold expiry with a movable clock: an order the seller has not confirmed within the hold window
 * (48 h by default) is expired by the scheduled sweeper handler, and its vehicle is back in the
 * search indexes; a confirmed order is never expired.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldExpiryTest {

    OrdersApi api;
    OrderExpiryFunction sweeper;

    @BeforeAll
    void start() {
        api = new OrdersApi("Hold");
        api.enrol("hold-seller", "Detroit", "48226", 42.33181, -83.05035);
        api.enrol("hold-delivery", "Chicago", "60601", 41.88515, -87.62151);
        sweeper = new OrderExpiryFunction(api.lifecycle);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    JsonNode sweep() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sweeper.handleRequest(new ByteArrayInputStream("{\"source\":\"aws.events\"}".getBytes(StandardCharsets.UTF_8)),
                out, null);
        return dev.autocentric.shared.json.Json.tree(out.toString(StandardCharsets.UTF_8));
    }

    /** The VINs the model's sparse search index holds: what buyer search reads. */
    List<String> searchable(String model) {
        return api.dynamo().queryPaginator(b -> b.tableName(api.tables.get("ListingsTable"))
                        .indexName(SearchKeys.BY_MODEL).keyConditionExpression("#m = :m")
                        .expressionAttributeNames(Map.of("#m", SearchKeys.MODEL))
                        .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(SearchKeys.fold(model)))))
                .items().stream().map(i -> i.get("vin").s()).toList();
    }

    JsonNode place(Listing listing) {
        return api.placed(UUID.randomUUID().toString(),
                OrdersApi.orderBody(listing.vin(), api.quote(listing, "hold-delivery", "60601"), "60601"));
    }

    @Test
    void anUnconfirmedHoldExpiresAndTheVehicleIsSearchableAgain() throws Exception {
        Listing held = api.list("hold-seller", 2_500_000);
        Listing confirmed = api.list("hold-seller", 2_600_000);
        assertTrue(searchable("Malibu").containsAll(List.of(held.vin(), confirmed.vin())));
        String heldId = place(held).get("orderId").asText();
        String confirmedId = place(confirmed).get("orderId").asText();
        assertEquals(200, api.asDealer("hold-seller", "POST", "/v1/dealers/hold-seller/orders/" + confirmedId
                + "/confirm").status());
        assertFalse(searchable("Malibu").contains(held.vin()), "reserved: out of search");

        api.clock.advance(Duration.ofHours(48).minusMillis(1));
        assertEquals(0, sweep().get("expired").asInt(), "a millisecond before the hold ends nothing expires");
        assertEquals(OrderStatus.PLACED, api.store.get(heldId).orElseThrow().status());

        api.clock.advance(Duration.ofMillis(1));
        JsonNode result = sweep();
        assertEquals(1, result.get("expired").asInt(), result.toString());
        Order expired = api.store.get(heldId).orElseThrow();
        assertEquals(OrderStatus.EXPIRED, expired.status());
        assertEquals(Actor.SYSTEM, expired.history().get(expired.history().size() - 1).by());
        Listing released = api.listings.get(held.vin()).orElseThrow();
        assertEquals(ListingStatus.AVAILABLE, released.status());
        assertEquals(held.version() + 2, released.version(), "reserved, then released");
        assertTrue(searchable("Malibu").contains(held.vin()), "searchable again");

        assertEquals(OrderStatus.CONFIRMED, api.store.get(confirmedId).orElseThrow().status(), "confirmed: kept");
        assertEquals(ListingStatus.RESERVED, api.listings.get(confirmed.vin()).orElseThrow().status());
        assertEquals(0, sweep().get("expired").asInt(), "nothing left to expire");

        // the released vehicle can be ordered again
        place(released);
    }
}
