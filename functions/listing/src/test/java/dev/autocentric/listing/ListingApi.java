package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.vin.Vin;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The listing function as Lambda runs it ({@link APIGatewayV2HTTPEventFunction} over an
 * application context), against the emulator with tables of its own, fed real payload 2.0 events.
 */
final class ListingApi implements AutoCloseable {

    static final String ADMIN_TOKEN = "test-operator-token-" + UUID.randomUUID();

    final LocalAws aws = LocalAws.shared();
    final String listingsTable;
    final String dealersTable;
    final ApplicationContext context;
    final GatewayCalls calls;
    private static final AtomicLong VIN_SERIAL = new AtomicLong(System.nanoTime() % 100_000);

    ListingApi(String testName) {
        String prefix = "t" + testName + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> tables = aws.createTables(prefix);
        listingsTable = tables.get("ListingsTable");
        dealersTable = tables.get("DealersTable");
        Map<String, Object> properties = new HashMap<>();
        properties.put("listings.table", listingsTable);
        properties.put("dealers.table", dealersTable);
        properties.put("market.stats.table", tables.get("MarketStatsTable"));
        properties.put("admin.token.sha256", DealerCredentials.sha256Hex(ADMIN_TOKEN));
        properties.put("aws.endpoint.url", aws.endpoint().toString());
        properties.put("aws.region", aws.region());
        properties.put("autocentric.aws.access-key-id", "test");
        properties.put("autocentric.aws.secret-access-key", "test");
        context = ApplicationContext.builder().properties(properties).start();
        calls = new GatewayCalls(new APIGatewayV2HTTPEventFunction(context));
    }

    DynamoDbClient dynamo() {
        return aws.dynamo();
    }

    GatewayCalls.Response send(String method, String pathAndQuery, String authorization, String body) {
        return send(method, pathAndQuery, authorization, body, Map.of());
    }

    /** Sends the request with the whole {@code authorization} header value (when there is one) and the extra headers. */
    GatewayCalls.Response send(String method, String pathAndQuery, String authorization, String body,
                               Map<String, String> extra) {
        return calls.send(method, pathAndQuery, GatewayCalls.authorizedBy(authorization, extra), body);
    }

    /** Enrols a dealer through the API and answers its credential. */
    String enrol(String dealerId) {
        GatewayCalls.Response r = send("POST", "/v1/admin/dealers", "Bearer " + ADMIN_TOKEN, """
                {"dealerId": "%s", "name": "Dealer %s", "brands": ["Chevrolet", "Buick"], "network": "GM",
                 "deliveryPoint": true, "address": "1 Main St", "city": "Detroit", "state": "MI", "zip": "48201",
                 "lat": 42.3314, "lon": -83.0458}
                """.formatted(dealerId, dealerId));
        assertEquals(201, r.status(), r.body());
        return r.json().get("credential").asText();
    }

    /** A fresh valid North-American VIN. */
    static String newVin() {
        String serial = String.format(Locale.ROOT, "%06d", VIN_SERIAL.incrementAndGet() % 1_000_000);
        return Vin.withCheckDigit("1G1ZD5ST0LF" + serial);
    }

    static ObjectNode vehicle(String vin) {
        try {
            ObjectNode node = (ObjectNode) Json.tree("""
                    {"vin": "%s", "stockNumber": "A1234", "condition": "USED", "year": 2024,
                     "make": "Chevrolet", "model": "Malibu", "trim": "LT", "bodyStyle": "SEDAN", "fuel": "GASOLINE",
                     "drivetrain": "FWD", "transmission": "AUTOMATIC", "exteriorColor": "Summit White",
                     "interiorColor": "Jet Black", "mileage": 12, "msrpCents": 2899500, "ePriceCents": 2749900,
                     "listed": true, "photos": ["https://dealer.example/p/1.jpg"], "options": ["Sunroof"]}
                    """.formatted(vin));
            return node;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw stored item, or null. */
    Map<String, AttributeValue> storedListing(String vin) {
        var item = dynamo().getItem(b -> b.tableName(listingsTable).key(Map.of("vin", AttributeValue.fromS(vin)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    Map<String, AttributeValue> storedDealer(String dealerId) {
        var item = dynamo().getItem(b -> b.tableName(dealersTable).key(Map.of("dealerId", AttributeValue.fromS(dealerId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Every item of both tables, to show a refused request wrote nothing. */
    java.util.List<Map<String, AttributeValue>> snapshot() {
        java.util.List<Map<String, AttributeValue>> all = new java.util.ArrayList<>();
        for (String table : java.util.List.of(listingsTable, dealersTable)) {
            dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(all::add);
        }
        all.sort(java.util.Comparator.comparing(Map::toString));
        return all;
    }

    /** Sets a listing's status directly, as the order lifecycle would. */
    void setStatus(String vin, String status) {
        dynamo().updateItem(b -> b.tableName(listingsTable).key(Map.of("vin", AttributeValue.fromS(vin)))
                .updateExpression("SET #s = :s, #v = #v + :one")
                .expressionAttributeNames(Map.of("#s", "status", "#v", "version"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status), ":one", AttributeValue.fromN("1"))));
    }

    String put(String dealerId, String credential, ObjectNode vehicle) {
        String vin = vehicle.get("vin").asText();
        GatewayCalls.Response r = send("PUT", "/v1/dealers/" + dealerId + "/inventory/" + vin, "Bearer " + credential, vehicle.toString());
        if (r.status() != 200 && r.status() != 201) {
            throw new AssertionError("upsert failed: " + r);
        }
        return vin;
    }

    int listingCount() {
        return dynamo().scan(b -> b.tableName(listingsTable).select("COUNT")).count();
    }

    int dealerCount() {
        return dynamo().scan(b -> b.tableName(dealersTable).select("COUNT")).count();
    }

    @Override
    public void close() {
        context.close();
    }
}
