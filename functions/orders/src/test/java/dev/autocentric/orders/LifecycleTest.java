package dev.autocentric.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.problem.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every (state, action) pair of the order lifecycle, through the function: each order is brought
 * to its state by the real transitions (placement, dealer actions, buyer cancel, the hold
 * sweeper), then given the action. Allowed pairs move the order and the listing as
 * {@link OrderAction} says; every other pair is 409 with the stored order and listing unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleTest {

    static final String SELLER = "life-seller";
    static final String DELIVERY = "life-delivery";
    static final String OUTSIDER = "life-outsider";

    OrdersApi api;

    @BeforeAll
    void start() {
        api = new OrdersApi("Life");
        api.enrol(SELLER, "Detroit", "48226", 42.33181, -83.05035);
        api.enrol(DELIVERY, "Chicago", "60601", 41.88515, -87.62151);
        api.enrol(OUTSIDER, "Troy", "48084", 42.56063, -83.17558);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    record Placed(String orderId, String token, String vin) {
    }

    Placed place() {
        Listing listing = api.list(SELLER, 2_500_000);
        JsonNode order = api.placed(UUID.randomUUID().toString(),
                OrdersApi.orderBody(listing.vin(), api.quote(listing, DELIVERY, "60601"), "60601"));
        return new Placed(order.get("orderId").asText(), order.get("accessToken").asText(), listing.vin());
    }

    GatewayCalls.Response act(Placed p, OrderAction action) {
        return switch (action.actor()) {
            case SELLER -> api.asDealer(SELLER, "POST", "/v1/dealers/" + SELLER + "/orders/" + p.orderId() + "/"
                    + action.pathName());
            case DELIVERY -> api.asDealer(DELIVERY, "POST", "/v1/dealers/" + DELIVERY + "/orders/" + p.orderId()
                    + "/" + action.pathName());
            case BUYER -> api.asBuyer(p.token(), "POST", "/v1/orders/" + p.orderId() + "/cancel");
            case SYSTEM -> throw new IllegalArgumentException("the sweeper is not an HTTP route");
        };
    }

    /** An order brought to {@code state} through the lifecycle itself. */
    Placed reach(OrderStatus state) {
        Placed p = place();
        List<OrderAction> path = switch (state) {
            case PLACED, EXPIRED -> List.of();
            case CONFIRMED -> List.of(OrderAction.CONFIRM);
            case SHIPPED -> List.of(OrderAction.CONFIRM, OrderAction.SHIP);
            case READY_FOR_PICKUP -> List.of(OrderAction.CONFIRM, OrderAction.SHIP, OrderAction.READY);
            case DELIVERED -> List.of(OrderAction.CONFIRM, OrderAction.SHIP, OrderAction.READY, OrderAction.DELIVER);
            case REJECTED -> List.of(OrderAction.REJECT);
            case CANCELLED -> List.of(OrderAction.CANCEL);
        };
        for (OrderAction step : path) {
            GatewayCalls.Response r = act(p, step);
            assertEquals(200, r.status(), step + ": " + r.body());
        }
        if (state == OrderStatus.EXPIRED) {
            api.clock.advance(Duration.ofHours(48).plusSeconds(1));
            assertTrue(api.lifecycle.expireDue(100).expired() >= 1);
        }
        assertEquals(state, api.store.get(p.orderId()).orElseThrow().status());
        return p;
    }

    Map<String, AttributeValue> item(String table, String keyName, String key) {
        return api.dynamo().getItem(b -> b.tableName(api.tables.get(table))
                .key(Map.of(keyName, AttributeValue.fromS(key))).consistentRead(true)).item();
    }

    @Test
    void everyStateAndActionPair() {
        List<String> checked = new ArrayList<>();
        for (OrderStatus state : OrderStatus.values()) {
            for (OrderAction action : OrderAction.values()) {
                Placed p = reach(state);
                Map<String, AttributeValue> orderBefore = item("OrdersTable", "orderId", p.orderId());
                Map<String, AttributeValue> listingBefore = item("ListingsTable", "vin", p.vin());
                Order before = OrderItems.fromItem(orderBefore);
                boolean allowed = action.allowedFrom(state);
                String pair = state + " x " + action;
                if (action == OrderAction.EXPIRE) {
                    api.clock.advance(Duration.ofHours(48).plusSeconds(1));
                    if (allowed) {
                        assertTrue(api.lifecycle.expireDue(100).expired() >= 1, pair);
                    } else {
                        api.lifecycle.expireDue(100);
                        ProblemException refused = assertThrows(ProblemException.class,
                                () -> api.lifecycle.move(before, OrderAction.EXPIRE), pair);
                        assertEquals(409, refused.status(), pair);
                    }
                } else {
                    GatewayCalls.Response r = act(p, action);
                    if (allowed) {
                        assertEquals(200, r.status(), pair + ": " + r.body());
                        assertEquals(action.to().name(), r.json().get("status").asText(), pair);
                    } else {
                        JsonNode problem = r.problem(409);
                        assertEquals("https://autocentric.dev/problems/invalid-transition",
                                problem.get("type").asText(), pair);
                    }
                }
                Order after = api.store.get(p.orderId()).orElseThrow();
                Listing listing = api.listings.get(p.vin()).orElseThrow();
                if (allowed) {
                    assertEquals(action.to(), after.status(), pair);
                    assertEquals(before.version() + 1, after.version(), pair);
                    assertEquals(action.to(), after.history().get(after.history().size() - 1).status(), pair);
                    ListingStatus expected = switch (action.listingEffect()) {
                        case NONE -> ListingStatus.RESERVED;
                        case RELEASE -> ListingStatus.AVAILABLE;
                        case SELL -> ListingStatus.SOLD;
                    };
                    assertEquals(expected, listing.status(), pair);
                    Map<String, AttributeValue> listingItem = item("ListingsTable", "vin", p.vin());
                    assertEquals(expected == ListingStatus.AVAILABLE, listingItem.containsKey("sModel"),
                            pair + ": searchable exactly when released");
                    assertEquals(after.status() == OrderStatus.PLACED,
                            item("OrdersTable", "orderId", p.orderId()).containsKey("pendingPartition"), pair);
                } else {
                    assertEquals(orderBefore, item("OrdersTable", "orderId", p.orderId()), pair + ": order unchanged");
                    assertEquals(listingBefore, item("ListingsTable", "vin", p.vin()), pair + ": listing unchanged");
                }
                checked.add(pair + (allowed ? " moves" : " refused"));
            }
        }
        assertEquals(OrderStatus.values().length * OrderAction.values().length, checked.size());
        assertEquals(8, checked.stream().filter(c -> c.endsWith("moves")).count(), String.join("\n", checked));
    }

    @Test
    void onlyTheRightDealerActsAndOthersSeeNothing() {
        Placed p = place();
        Map<String, AttributeValue> before = item("OrdersTable", "orderId", p.orderId());
        api.asDealer(DELIVERY, "POST", "/v1/dealers/" + DELIVERY + "/orders/" + p.orderId() + "/confirm").problem(403);
        api.asDealer(SELLER, "POST", "/v1/dealers/" + SELLER + "/orders/" + p.orderId() + "/ready").problem(403);
        api.asDealer(OUTSIDER, "POST", "/v1/dealers/" + OUTSIDER + "/orders/" + p.orderId() + "/confirm").problem(404);
        api.asDealer(SELLER, "POST", "/v1/dealers/" + DELIVERY + "/orders/" + p.orderId() + "/confirm").problem(403);
        api.send("POST", "/v1/dealers/" + SELLER + "/orders/" + p.orderId() + "/confirm", Map.of(), null).problem(401);
        assertEquals("action", api.asDealer(SELLER, "POST", "/v1/dealers/" + SELLER + "/orders/" + p.orderId()
                + "/teleport").problem(400).get("errors").get(0).get("field").asText());
        api.asDealer(SELLER, "POST", "/v1/dealers/" + SELLER + "/orders/ordnotanorder/confirm").problem(404);
        assertEquals(before, item("OrdersTable", "orderId", p.orderId()));
        assertFalse(api.asDealer(OUTSIDER, "GET", "/v1/dealers/" + OUTSIDER + "/orders").json().get("items")
                .elements().hasNext(), "a dealer outside the order lists nothing");
    }
}
