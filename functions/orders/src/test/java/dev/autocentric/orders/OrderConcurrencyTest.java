package dev.autocentric.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Many buyers at once: 50 simultaneous orders of one vehicle (different keys) leave exactly one
 * order and the vehicle reserved by it, 20 rounds in a row; 20 simultaneous retries of one key
 * leave one order and 20 identical answers. Each request goes through the function's handler
 * on its own thread, all released together by a barrier, against the emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderConcurrencyTest {

    static final int BUYERS = 50;
    static final int ROUNDS = 20;
    static final int RETRIES = 20;

    OrdersApi api;
    ExecutorService pool;

    @BeforeAll
    void start() {
        api = new OrdersApi("Race");
        api.enrol("race-seller", "Detroit", "48226", 42.33181, -83.05035);
        api.enrol("race-delivery", "Chicago", "60601", 41.88515, -87.62151);
        pool = Executors.newFixedThreadPool(BUYERS);
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        api.close();
    }

    /** Sends every body at the same moment, one thread each, and answers the responses in order. */
    List<GatewayCalls.Response> atOnce(List<String> keys, List<String> bodies) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(keys.size());
        List<Future<GatewayCalls.Response>> futures = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String body = bodies.get(i);
            futures.add(pool.submit(() -> {
                barrier.await();
                return api.place(key, body);
            }));
        }
        List<GatewayCalls.Response> responses = new ArrayList<>();
        for (Future<GatewayCalls.Response> f : futures) {
            responses.add(f.get());
        }
        return responses;
    }

    @Test
    void fiftyBuyersAtOnceOneWinsEveryRound() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            Listing listing = api.list("race-seller", 2_500_000 + round);
            String quote = api.quote(listing, "race-delivery", "60601");
            List<String> keys = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                keys.add(UUID.randomUUID().toString());
                bodies.add(OrdersApi.orderBody(listing.vin(), quote, "60601").replace("Ann Buyer", "Buyer " + i));
            }
            List<GatewayCalls.Response> responses = atOnce(keys, bodies);
            List<GatewayCalls.Response> won = responses.stream().filter(r -> r.status() == 201).toList();
            long refused = responses.stream().filter(r -> r.status() == 409).count();
            assertEquals(1, won.size(), "round " + round + ": " + statuses(responses));
            assertEquals(BUYERS - 1, refused, "round " + round + ": " + statuses(responses));
            String orderId = won.get(0).json().get("orderId").asText();

            Listing after = api.listings.get(listing.vin()).orElseThrow();
            assertEquals(ListingStatus.RESERVED, after.status(), "round " + round);
            assertEquals(listing.version() + 1, after.version(), "reserved exactly once");
            List<Map<String, AttributeValue>> orders = api.ordersOf(listing.vin());
            assertEquals(1, orders.size(), "round " + round + ": one order stored");
            assertEquals(orderId, orders.get(0).get("orderId").s());
            assertEquals(orderId, api.store.get(orderId).orElseThrow().orderId());
        }
    }

    @Test
    void twentyRetriesOfOneKeyMakeOneOrderAndOneAnswer() throws Exception {
        Listing listing = api.list("race-seller", 2_400_000);
        String body = OrdersApi.orderBody(listing.vin(), api.quote(listing, "race-delivery", "60601"), "60601");
        String key = UUID.randomUUID().toString();
        List<GatewayCalls.Response> responses = atOnce(java.util.Collections.nCopies(RETRIES, key),
                java.util.Collections.nCopies(RETRIES, body));
        Set<String> bodies = new HashSet<>();
        for (GatewayCalls.Response r : responses) {
            assertEquals(201, r.status(), r.body());
            bodies.add(r.body());
        }
        assertEquals(1, bodies.size(), "identical answers: " + bodies);
        assertEquals(1, api.ordersOf(listing.vin()).size());
        assertEquals(RETRIES - 1, responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed")))
                .count(), "one placement, the rest replays");
    }

    private static List<Integer> statuses(List<GatewayCalls.Response> responses) {
        return responses.stream().map(GatewayCalls.Response::status).sorted().toList();
    }
}
