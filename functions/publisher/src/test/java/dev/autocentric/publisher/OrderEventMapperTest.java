package dev.autocentric.publisher;

import static dev.autocentric.publisher.EventSchemas.changed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders stream records to order events. The images are written here the way the orders
 * function's {@code OrderItems.toItem} stores an order (nested vehicle, dealers and buyer maps,
 * quote lines, history, index keys; times fixed-width to the millisecond), since functions do not
 * depend on each other.
 */
class OrderEventMapperTest {
    static final String ORDERS_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2026-11-26T00:00:00.000";
    static final String ORDER_ID = "ordq7k2m4xw5fz3hn6tjb2rcdpeav";
    static final Instant PLACED_AT = Instant.parse("2026-11-26T08:00:00.123Z");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final OrderEventMapper mapper = new OrderEventMapper();

    // ------------------------------------------------------------------ images

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static AttributeValue m(Object... keyValues) {
        Map<String, AttributeValue> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], (AttributeValue) keyValues[i + 1]);
        }
        return AttributeValue.fromM(map);
    }

    private static AttributeValue line(String code, String label, long cents) {
        return m("code", s(code), "label", s(label), "amountCents", n(cents));
    }

    private static AttributeValue change(String status, Instant at, String by) {
        return m("status", s(status), "at", s(TIME.format(at)), "by", s(by));
    }

    /** A freshly placed order as the Orders table holds it. */
    static Map<String, AttributeValue> placed() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(ORDER_ID));
        item.put("status", s("PLACED"));
        item.put("version", n(1));
        item.put("vin", s("1G1ZD5ST1LF012345"));
        item.put("vehicle", m("year", n(2024), "make", s("Chevrolet"), "model", s("Malibu"), "trim", s("LT"),
                "condition", s("NEW"), "stockNumber", s("A1234"), "exteriorColor", s("Summit White"),
                "mileage", n(12)));
        item.put("sellingDealerId", s("dlr-chevy-austin"));
        item.put("sellingDealer", m("dealerId", s("dlr-chevy-austin"), "name", s("Austin Chevrolet"),
                "city", s("Austin"), "zip", s("78701")));
        item.put("deliveryDealerId", s("dlr-gm-dallas"));
        item.put("deliveryDealer", m("dealerId", s("dlr-gm-dallas"), "name", s("Dallas GM"),
                "city", s("Dallas"), "zip", s("75201")));
        item.put("buyer", m("name", s("Jordan Rivera"), "email", s("jordan.rivera@example.com"),
                "phone", s("+1-512-555-0142"), "zip", s("75201")));
        item.put("lines", AttributeValue.fromL(List.of(line("EPRICE", "Vehicle e-price", 2_749_900),
                line("TRANSFER", "Transfer Austin to Dallas", 50_200), line("DOCUMENTATION", "Documentation", 14_900),
                line("DELIVERY_PREP", "Delivery preparation", 24_900))));
        item.put("totalCents", n(2_839_900));
        item.put("placedAt", s(TIME.format(PLACED_AT)));
        item.put("holdExpiresAt", s(TIME.format(PLACED_AT.plusSeconds(48 * 3600))));
        item.put("updatedAt", s(TIME.format(PLACED_AT)));
        item.put("listingVersion", n(4));
        item.put("history", AttributeValue.fromL(List.of(change("PLACED", PLACED_AT, "BUYER"))));
        item.put("statusKey", s("PLACED#" + TIME.format(PLACED_AT) + "#" + ORDER_ID));
        item.put("pendingPartition", s("PENDING"));
        item.put("holdExpiresKey", s(TIME.format(PLACED_AT.plusSeconds(48 * 3600)) + "#" + ORDER_ID));
        return item;
    }

    /** The order after one lifecycle step, as the orders function writes it (version, time, history, keys). */
    static Map<String, AttributeValue> moved(Map<String, AttributeValue> from, String status, String by, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(from);
        item.put("status", s(status));
        item.put("version", n(Long.parseLong(from.get("version").n()) + 1));
        item.put("updatedAt", s(TIME.format(at)));
        List<AttributeValue> history = new ArrayList<>(from.get("history").l());
        history.add(change(status, at, by));
        item.put("history", AttributeValue.fromL(history));
        item.put("statusKey", s(status + "#" + TIME.format(PLACED_AT) + "#" + ORDER_ID));
        if (!status.equals("PLACED")) {
            item.remove("pendingPartition");
            item.remove("holdExpiresKey");
        }
        return item;
    }

    static StreamRecord record(String eventId, Map<String, AttributeValue> oldItem,
                               Map<String, AttributeValue> newItem) {
        return Records.record(ORDERS_ARN, eventId, oldItem, newItem);
    }

    /** The image after each step of a path through the lifecycle, starting from {@link #placed()}. */
    static Map<String, Map<String, AttributeValue>> lifecycle() {
        Map<String, Map<String, AttributeValue>> at = new HashMap<>();
        Map<String, AttributeValue> placed = placed();
        at.put("PLACED", placed);
        at.put("CONFIRMED", moved(placed, "CONFIRMED", "SELLER", PLACED_AT.plusSeconds(3_600)));
        at.put("SHIPPED", moved(at.get("CONFIRMED"), "SHIPPED", "SELLER", PLACED_AT.plusSeconds(86_400)));
        at.put("READY_FOR_PICKUP", moved(at.get("SHIPPED"), "READY_FOR_PICKUP", "DELIVERY",
                PLACED_AT.plusSeconds(2 * 86_400)));
        return at;
    }

    // ------------------------------------------------------------------ helpers

    private DomainEvent one(StreamRecord record) {
        return EventSchemas.valid(mapper.map(record), OrderEventMapper.SOURCE);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aNewPlacedOrderIsOrderPlacedWithEverythingTheSellerAndItsLeadNeed() throws Exception {
        DomainEvent e = one(record("rec-place", null, placed()));
        assertEquals("OrderPlaced", e.detailType());
        assertEquals(Json.tree("""
                {"orderId":"ordq7k2m4xw5fz3hn6tjb2rcdpeav","vin":"1G1ZD5ST1LF012345","status":"PLACED",
                 "sellingDealerId":"dlr-chevy-austin","deliveryDealerId":"dlr-gm-dallas","totalCents":2839900,
                 "vehicle":{"year":2024,"make":"Chevrolet","model":"Malibu","trim":"LT","stockNumber":"A1234",
                            "ePriceCents":2749900},
                 "buyer":{"name":"Jordan Rivera","email":"jordan.rivera@example.com","phone":"+1-512-555-0142",
                          "zip":"75201"},
                 "placedAt":"2026-11-26T08:00:00.123Z","holdExpiresAt":"2026-11-28T08:00:00.123Z","version":1}"""),
                Json.tree(Json.write(e.detail().path("data"))), "as a consumer reads it");
        assertEquals(List.of("orderId", "vin", "status", "sellingDealerId", "deliveryDealerId", "totalCents",
                "vehicle", "buyer", "placedAt", "holdExpiresAt"), changed(e), "everything is new but the version");
        assertEquals("2026-11-26T08:00:00.123Z", e.detail().path("occurredAt").asText(), "the order's updatedAt");
        assertFalse(e.detail().path("data").has("previousStatus"));
    }

    @ParameterizedTest(name = "{0} -> {1}: {3}")
    @CsvSource({
        "PLACED, CONFIRMED, SELLER, OrderConfirmed",
        "PLACED, REJECTED, SELLER, OrderRejected",
        "PLACED, CANCELLED, BUYER, OrderCancelled",
        "CONFIRMED, CANCELLED, BUYER, OrderCancelled",
        "PLACED, EXPIRED, SYSTEM, OrderExpired",
        "CONFIRMED, SHIPPED, SELLER, OrderShipped",
        "SHIPPED, READY_FOR_PICKUP, DELIVERY, OrderReadyForPickup",
        "READY_FOR_PICKUP, DELIVERED, DELIVERY, OrderDelivered",
    })
    void eachStatusChangeIsTheEventOfTheNewStatus(String from, String to, String by, String type) {
        Map<String, AttributeValue> before = lifecycle().get(from);
        Instant at = Instant.parse("2026-12-01T10:00:00.456Z");
        Map<String, AttributeValue> after = moved(before, to, by, at);
        DomainEvent e = one(record("rec-" + to, before, after));

        assertEquals(type, e.detailType());
        JsonNode data = e.detail().path("data");
        assertEquals(to, data.path("status").asText());
        assertEquals(from, data.path("previousStatus").asText());
        assertEquals(Long.parseLong(before.get("version").n()) + 1, data.path("version").asLong());
        assertEquals(List.of("status"), changed(e), "only the status moved (the version is bookkeeping)");
        assertEquals("2026-12-01T10:00:00.456Z", e.detail().path("occurredAt").asText());
        // what the notifier reads: who hears it, and (for the seller) the buyer and the lead's facts
        assertEquals("dlr-chevy-austin", data.path("sellingDealerId").asText());
        assertEquals("dlr-gm-dallas", data.path("deliveryDealerId").asText());
        assertEquals("Jordan Rivera", data.path("buyer").path("name").asText());
        assertEquals(2_749_900, data.path("vehicle").path("ePriceCents").asLong());
        assertEquals(ORDER_ID, data.path("orderId").asText());
    }

    @Test
    void aWriteThatLeavesTheStatusAloneYieldsNoEvent() {
        Map<String, AttributeValue> placed = placed();
        // a rewrite with a new version and time only
        Map<String, AttributeValue> touched = new HashMap<>(placed);
        touched.put("version", n(2));
        touched.put("updatedAt", s("2026-11-26T08:30:00.000Z"));
        assertEquals(Optional.empty(), mapper.map(record("rec-touch", placed, touched)));
        // other facts changed, status not: still no order event (events are status changes)
        Map<String, AttributeValue> rephoned = new HashMap<>(touched);
        rephoned.put("buyer", m("name", s("Jordan Rivera"), "email", s("jordan.rivera@example.com"),
                "phone", s("+1-512-555-0199"), "zip", s("75201")));
        assertEquals(Optional.empty(), mapper.map(record("rec-phone", placed, rephoned)));
        assertEquals(Optional.empty(), mapper.map(record("rec-same", placed, placed)));
    }

    @Test
    void aDeletionAnInsertThatIsNotAPlacementOrAnImageWithoutStatusYieldsNoEvent() {
        Map<String, AttributeValue> confirmed = lifecycle().get("CONFIRMED");
        assertEquals(Optional.empty(), mapper.map(record("rec-remove", confirmed, null)));
        assertEquals(Optional.empty(), mapper.map(record("rec-odd-insert", null, confirmed)));
        Map<String, AttributeValue> statusless = new HashMap<>(confirmed);
        statusless.remove("status");
        assertEquals(Optional.empty(), mapper.map(record("rec-statusless", confirmed, statusless)));
    }

    @Test
    void theEventIdIsStablePerStreamRecordAndDistinctAcrossRecordsAndSources() {
        Map<String, AttributeValue> confirmed = lifecycle().get("CONFIRMED");
        String first = mapper.map(record("rec-9", placed(), confirmed)).orElseThrow().eventId();
        assertEquals(first, mapper.map(record("rec-9", placed(), confirmed)).orElseThrow().eventId(),
                "a redelivered record: the same id");
        assertNotEquals(first, mapper.map(record("rec-10", placed(), confirmed)).orElseThrow().eventId());
        assertNotEquals(first, EventEnvelope.eventId(ListingEventMapper.SOURCE, "rec-9"),
                "a Listings record with the same stream eventID is another event");
    }

    @Test
    void aVehicleWithoutTrimOrStockNumberIsStillAValidEvent() {
        Map<String, AttributeValue> bare = placed();
        bare.put("vehicle", m("year", n(2023), "make", s("Chevrolet"), "model", s("Bolt EV"), "mileage", n(9_800)));
        JsonNode vehicle = one(record("rec-bare", null, bare)).detail().path("data").path("vehicle");
        assertEquals(Set.of("year", "make", "model", "ePriceCents"), fieldNames(vehicle));
    }

    @Test
    void thePublisherRoutesOrdersRecordsByTheTableOfTheirStream() throws Exception {
        Map<String, StreamEventMapper> mappers = PublisherFunction.mappers(Map.of(
                "LISTINGS_TABLE", "Listings", "ORDERS_TABLE", "Orders"));
        assertTrue(mappers.get("Orders") instanceof OrderEventMapper);
        assertTrue(mappers.get("Listings") instanceof ListingEventMapper);

        ObjectNode batch = Json.MAPPER.createObjectNode();
        var records = batch.putArray("Records");
        for (StreamRecord r : List.of(record("o-1", null, placed()),
                record("o-2", placed(), lifecycle().get("CONFIRMED")))) {
            ObjectNode raw = records.addObject();
            raw.put("eventID", r.eventId());
            raw.put("eventName", r.eventName());
            raw.put("eventSourceARN", r.sourceArn());
            ObjectNode ddb = raw.putObject("dynamodb");
            if (r.oldImage() != null) {
                ddb.set("OldImage", r.oldImage());
            }
            ddb.set("NewImage", r.newImage());
        }
        List<DomainEvent> events = new PublisherFunction(mappers, null).map(batch);
        assertEquals(List.of("OrderPlaced", "OrderConfirmed"), events.stream().map(DomainEvent::detailType).toList());
        assertEquals(Set.of(OrderEventMapper.SOURCE), Set.copyOf(events.stream().map(DomainEvent::source).toList()));
    }

    @ParameterizedTest
    @CsvSource({
        "PLACED, PLACED, OrderPlaced",
        "PLACED, CONFIRMED, OrderConfirmed",
        "PLACED, REJECTED, OrderRejected",
        "CONFIRMED, CANCELLED, OrderCancelled",
        "PLACED, EXPIRED, OrderExpired",
        "CONFIRMED, SHIPPED, OrderShipped",
        "SHIPPED, READY_FOR_PICKUP, OrderReadyForPickup",
        "READY_FOR_PICKUP, DELIVERED, OrderDelivered",
    })
    void eachSampleHasTheShapeTheMapperProduces(String from, String to, String type) {
        Map<String, AttributeValue> before = lifecycle().get(from);
        DomainEvent e = type.equals("OrderPlaced") ? one(record("rec-s", null, before))
                : one(record("rec-s", before, moved(before, to, "SELLER", Instant.parse("2026-12-01T10:00:00.000Z"))));
        JsonNode sample = EventSchemas.read(EventSchemas.EVENTS.resolve(type + ".json"));
        assertEquals(sample.path("source").asText(), e.source());
        assertEquals(fieldNames(sample.path("detail")), fieldNames(e.detail()));
        assertEquals(fieldNames(sample.path("detail").path("data")), fieldNames(e.detail().path("data")));
        assertEquals(fieldNames(sample.path("detail").path("data").path("vehicle")),
                fieldNames(e.detail().path("data").path("vehicle")));
        assertEquals(sample.path("detail").path("changed"), e.detail().path("changed"));
    }

    @ParameterizedTest(name = "{0} with data.{1} = {2}: {3}")
    @CsvSource({
        "OrderConfirmed, previousStatus, SHIPPED, CONFIRMED is reached from PLACED only",
        "OrderCancelled, previousStatus, SHIPPED, a shipped order cannot be cancelled",
        "OrderPlaced, previousStatus, PLACED, a new order has no previous status",
        "OrderPlaced, orderId, ord-01JD4Z8Q3V, order ids are ord and 26 base32 letters",
        "OrderShipped, status, CONFIRMED, the status is that of the type",
        "OrderExpired, placedAt, 2026-11-26T08:00:00Z, times are fixed-width with milliseconds",
    })
    void theSchemasHoldTheLifecycleAndTheStoredFormats(String type, String field, String value, String why) {
        ObjectNode sample = (ObjectNode) EventSchemas.read(EventSchemas.EVENTS.resolve(type + ".json"));
        ((ObjectNode) sample.path("detail").path("data")).put(field, value);
        assertFalse(EventSchemas.violations(sample).isEmpty(), why);
    }
}
