package dev.autocentric.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /v1/orders through the function: the reservation, replays, refusals that write nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaceOrderTest {

    OrdersApi api;

    @BeforeAll
    void start() {
        api = new OrdersApi("Place");
        api.enrol("ord-detroit", "Detroit", "48226", 42.33181, -83.05035);
        api.enrol("ord-chicago", "Chicago", "60601", 41.88515, -87.62151);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void anOrderReservesTheVehicleAtTheQuotedPriceAndAnswersItsTokenOnce() {
        Listing listing = api.list("ord-detroit", 2_749_900);
        String quote = api.quote(listing, "ord-chicago", "60601");
        String key = UUID.randomUUID().toString();
        Instant now = api.clock.instant();
        GatewayCalls.Response r = api.place(key, OrdersApi.orderBody(listing.vin(), quote, "60601"));
        assertEquals(201, r.status(), r.body());
        JsonNode order = r.json();
        String orderId = order.get("orderId").asText();
        assertTrue(orderId.matches("ord[a-z2-7]{26}"), orderId);
        assertEquals("/v1/orders/" + orderId, r.header("Location"));
        assertEquals("\"1\"", r.header("ETag"));
        assertNull(r.header("Idempotent-Replayed"));
        assertEquals("PLACED", order.get("status").asText());
        assertEquals(listing.vin(), order.get("vin").asText());
        assertEquals("ord-detroit", order.get("sellingDealer").get("dealerId").asText());
        assertEquals("ord-chicago", order.get("deliveryDealer").get("dealerId").asText());
        assertEquals("Chicago", order.get("deliveryDealer").get("city").asText());
        assertEquals(2_749_900 + 12_300 + 19_900, order.get("totalCents").asLong());
        assertEquals(3, order.get("lines").size());
        assertEquals("+13135550123", order.get("buyer").get("phone").asText(), "phone kept in E.164");
        assertEquals(now.toString(), order.get("placedAt").asText());
        assertEquals(now.plus(Duration.ofHours(48)).toString(), order.get("holdExpiresAt").asText());
        assertFalse(order.has("listingVersion"), "internal fields stay inside");
        String token = order.get("accessToken").asText();
        assertTrue(token.startsWith("aco_"), token);

        Listing reserved = api.listings.get(listing.vin()).orElseThrow();
        assertEquals(ListingStatus.RESERVED, reserved.status());
        assertEquals(2, reserved.version());
        Map<String, AttributeValue> item = api.dynamo().getItem(b -> b.tableName(api.tables.get("ListingsTable"))
                .key(Map.of("vin", AttributeValue.fromS(listing.vin()))).consistentRead(true)).item();
        assertFalse(item.containsKey("sModel") || item.containsKey("sCell") || item.containsKey("sShard"),
                "a reserved vehicle leaves the search indexes: " + item.keySet());
        assertEquals(1, api.ordersOf(listing.vin()).size());

        // the buyer reads it with the token; the answer never repeats the token
        GatewayCalls.Response read = api.asBuyer(token, "GET", "/v1/orders/" + orderId);
        assertEquals(200, read.status(), read.body());
        ObjectNode expected = order.deepCopy();
        expected.remove("accessToken");
        assertEquals(expected, read.json());
        api.asBuyer(null, "GET", "/v1/orders/" + orderId).problem(401);
        api.asBuyer("aco_" + "x".repeat(43), "GET", "/v1/orders/" + orderId).problem(403);
    }

    @Test
    void theSameKeyAndBodyReplayTheFirstAnswerAndAnotherBodyIs422() {
        Listing listing = api.list("ord-detroit", 2_500_000);
        String body = OrdersApi.orderBody(listing.vin(), api.quote(listing, "ord-chicago", "60601"), "60601");
        String key = UUID.randomUUID().toString();
        GatewayCalls.Response first = api.place(key, body);
        assertEquals(201, first.status(), first.body());
        api.clock.advance(Duration.ofMinutes(5));
        GatewayCalls.Response again = api.place(key, body);
        assertEquals(201, again.status(), again.body());
        assertEquals(first.body(), again.body(), "byte for byte the first answer");
        assertEquals("true", again.header("Idempotent-Replayed"));
        // same body with other spacing is the same request
        GatewayCalls.Response spaced = api.place(key, " " + body + "\n");
        assertEquals(first.body(), spaced.body());

        Listing other = api.list("ord-detroit", 2_600_000);
        String otherBody = OrdersApi.orderBody(other.vin(), api.quote(other, "ord-chicago", "60601"), "60601");
        JsonNode problem = api.place(key, otherBody).problem(422);
        assertEquals("https://autocentric.dev/problems/idempotency-key-reused", problem.get("type").asText());
        assertEquals(ListingStatus.AVAILABLE, api.listings.get(other.vin()).orElseThrow().status(),
                "a reused key orders nothing");
        assertEquals(1, api.ordersOf(listing.vin()).size());
        assertEquals(0, api.ordersOf(other.vin()).size());
    }

    @Test
    void aVehicleNoLongerAvailableIs409() {
        Listing listing = api.list("ord-detroit", 2_500_000);
        String quote = api.quote(listing, "ord-chicago", "60601");
        api.placed(UUID.randomUUID().toString(), OrdersApi.orderBody(listing.vin(), quote, "60601"));
        JsonNode problem = api.place(UUID.randomUUID().toString(),
                OrdersApi.orderBody(listing.vin(), quote, "60601")).problem(409);
        assertEquals("https://autocentric.dev/problems/vehicle-not-available", problem.get("type").asText());

        Listing withdrawn = api.list("ord-detroit", 2_500_000);
        String withdrawnQuote = api.quote(withdrawn, "ord-chicago", "60601");
        api.listings.replace(withStatus(withdrawn, ListingStatus.WITHDRAWN), withdrawn);
        api.place(UUID.randomUUID().toString(), OrdersApi.orderBody(withdrawn.vin(), withdrawnQuote, "60601"))
                .problem(409);
        assertEquals(0, api.ordersOf(withdrawn.vin()).size());
    }

    @Test
    void badRequestsAnswer4xxAndWriteNothing() {
        Listing listing = api.list("ord-detroit", 2_500_000);
        String quote = api.quote(listing, "ord-chicago", "60601");
        String good = OrdersApi.orderBody(listing.vin(), quote, "60601");
        List<Map<String, AttributeValue>> before = api.snapshot();

        assertEquals("Idempotency-Key", field(api.place(null, good).problem(400)));
        assertEquals("Idempotency-Key", field(api.place("bad key with spaces", good).problem(400)));
        String key = UUID.randomUUID().toString();
        assertEquals("buyer.email", field(api.place(key, good.replace("ann@example.com", "ann@")).problem(400)));
        assertEquals("buyer.phone", field(api.place(key, good.replace("+1 313 555 0123", "12")).problem(400)));
        assertEquals("buyer.zip", field(api.place(key, good.replace("\"zip\":\"60601\"", "\"zip\":\"6060\""))
                .problem(400)));
        assertEquals("buyer.zip", field(api.place(key, good.replace("\"zip\":\"60601\"", "\"zip\":\"00000\""))
                .problem(400)));
        assertEquals("vin", field(api.place(key, good.replace(listing.vin(), "1G1ZD5ST0LF00000X")).problem(400)));
        assertEquals("buyer.name", field(api.place(key, good.replace("\"Ann Buyer\"", "7")).problem(400)));
        assertEquals("colour", field(api.place(key, good.replace("{\"vin\"", "{\"colour\":\"red\",\"vin\"")).problem(400)));
        api.place(key, "{not json").problem(400);
        api.place(key, "[]").problem(400);
        api.place(key, good.replace("\"Ann Buyer\"", "\"" + "A".repeat(9_000) + "\"")).problem(413);

        // a quote changed by one character, a quote for another vehicle or ZIP, an expired quote
        String tampered = quote.substring(0, quote.length() - 2) + (quote.endsWith("A") ? "BB" : "AA");
        assertEquals("quoteId", field(api.place(key, good.replace(quote, tampered)).problem(400)));
        Listing other = api.list("ord-detroit", 2_500_000);
        before = api.snapshot();
        assertEquals("quoteId", field(api.place(key, OrdersApi.orderBody(other.vin(), quote, "60601")).problem(400)));
        assertEquals("buyer.zip", field(api.place(key, OrdersApi.orderBody(listing.vin(), quote, "48226"))
                .problem(400)));
        // a VIN the marketplace does not hold (quoted by a signer of this deployment, then withdrawn from the table)
        Listing ghost = api.unsaved("ord-detroit", 2_500_000);
        api.place(key, OrdersApi.orderBody(ghost.vin(), api.quote(ghost, "ord-chicago", "60601"), "60601"))
                .problem(404);
        api.clock.advance(Duration.ofMinutes(31));
        JsonNode expired = api.place(key, good).problem(409);
        assertEquals("https://autocentric.dev/problems/quote-expired", expired.get("type").asText());
        assertEquals(before, api.snapshot(), "no refused request wrote anything");
    }

    @Test
    void noBuyerDataReachesTheLogs() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level was = logger.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            Listing listing = api.list("ord-detroit", 2_500_000);
            String body = OrdersApi.orderBody(listing.vin(), api.quote(listing, "ord-chicago", "60601"), "60601");
            JsonNode order = api.placed(UUID.randomUUID().toString(), body);
            api.place(UUID.randomUUID().toString(), body).problem(409);
            api.place(UUID.randomUUID().toString(), body.replace("ann@example.com", "ann@")).problem(400);
            api.asBuyer(order.get("accessToken").asText(), "POST", "/v1/orders/" + order.get("orderId").asText()
                    + "/cancel");
        } finally {
            logger.setLevel(was);
            logger.detachAppender(seen);
        }
        assertTrue(seen.list.stream().anyMatch(e -> e.getFormattedMessage().contains("order placed")),
                "the placement is logged");
        for (var event : seen.list) {
            String line = event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            for (String personal : List.of("Ann Buyer", "ann@example.com", "ann@", "3135550123", "313 555")) {
                assertFalse(line.contains(personal), "buyer data in a log line: " + line);
            }
        }
    }

    static String field(JsonNode problem) {
        return problem.get("errors").get(0).get("field").asText();
    }

    static Listing withStatus(Listing l, ListingStatus status) {
        return new Listing(l.vehicle(), l.dealerId(), status, l.version() + 1, l.createdAt(), l.updatedAt(),
                l.dealerName(), l.dealerCity(), l.dealerZip(), l.dealerLat(), l.dealerLon());
    }
}
