package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.vin.Vin;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    final APIGatewayV2HTTPEventFunction function;
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
        function = new APIGatewayV2HTTPEventFunction(context);
    }

    DynamoDbClient dynamo() {
        return aws.dynamo();
    }

    record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return Json.tree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        /** Asserts a problem+json answer with this status and answers it. */
        JsonNode problem(int expectedStatus) {
            assertEquals(expectedStatus, status, body);
            assertEquals("application/problem+json", header("Content-Type").split(";")[0], body);
            JsonNode problem = json();
            assertEquals(expectedStatus, problem.get("status").asInt(), body);
            return problem;
        }
    }

    Response send(String method, String pathAndQuery, String authorization, String body) {
        return send(method, pathAndQuery, authorization, body, Map.of());
    }

    Response send(String method, String pathAndQuery, String authorization, String body, Map<String, String> extra) {
        String path = pathAndQuery;
        String query = "";
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            query = pathAndQuery.substring(q + 1);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "localhost");
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        headers.putAll(extra);
        Map<String, String> queryParams = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                queryParams.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query)
                .withQueryStringParameters(queryParams.isEmpty() ? null : queryParams)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1").withUserAgent("junit").build())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);
        String text = response.getBody();
        if (text != null && response.getIsBase64Encoded()) {
            text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
        Map<String, String> responseHeaders = new HashMap<>();
        if (response.getHeaders() != null) {
            responseHeaders.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> responseHeaders.putIfAbsent(k, String.join(",", v)));
        }
        return new Response(response.getStatusCode(), responseHeaders, text);
    }

    /** Enrols a dealer through the API and answers its credential. */
    String enrol(String dealerId) {
        Response r = send("POST", "/v1/admin/dealers", "Bearer " + ADMIN_TOKEN, """
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
        Response r = send("PUT", "/v1/dealers/" + dealerId + "/inventory/" + vin, "Bearer " + credential, vehicle.toString());
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
