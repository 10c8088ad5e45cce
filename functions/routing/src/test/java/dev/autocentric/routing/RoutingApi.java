package dev.autocentric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.dealer.Network;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.json.Json;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The routing function as Lambda runs it ({@link APIGatewayV2HTTPEventFunction} over an
 * application context), against the emulator with tables of its own, fed real payload 2.0 events.
 * Dealers are written with the same repository (and table schema) the enrolment route uses.
 */
final class RoutingApi implements AutoCloseable {

    final LocalAws aws = LocalAws.shared();
    final String dealersTable;
    final DealerRepository dealers;
    final ApplicationContext context;
    final APIGatewayV2HTTPEventFunction function;

    RoutingApi(String testName) {
        String prefix = "t" + testName + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> tables = aws.createTables(prefix);
        dealersTable = tables.get("DealersTable");
        dealers = new DealerRepository(aws.dynamo(), dealersTable);
        Map<String, Object> properties = new HashMap<>();
        properties.put("dealers.table", dealersTable);
        // tests enrol dealers after the function starts (and loads the index during init): reload on every request
        properties.put("delivery.points.refresh.seconds", 0);
        properties.put("aws.endpoint.url", aws.endpoint().toString());
        properties.put("aws.region", aws.region());
        properties.put("autocentric.aws.access-key-id", "test");
        properties.put("autocentric.aws.secret-access-key", "test");
        context = ApplicationContext.builder().properties(properties).start();
        function = new APIGatewayV2HTTPEventFunction(context);
    }

    /** Stores a dealer as the enrolment does (credential hashed), and answers it. */
    Dealer enrol(String dealerId, boolean deliveryPoint, String city, String state, String zip, double lat, double lon) {
        DealerCredentials.Issued credential = DealerCredentials.issue(dealerId);
        Dealer dealer = new Dealer(dealerId, city + (deliveryPoint ? " Chevrolet" : " Ford"),
                deliveryPoint ? List.of("Chevrolet") : List.of("Ford"), deliveryPoint ? Network.GM : Network.OTHER,
                deliveryPoint, "1 Main St", city, state, zip, lat, lon, credential.salt(), credential.hash(),
                Instant.parse("2026-11-01T10:00:00Z"));
        dealers.create(dealer);
        return dealer;
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

    Response get(String pathAndQuery) {
        return send("GET", pathAndQuery);
    }

    Response send(String method, String pathAndQuery) {
        String path = pathAndQuery;
        String query = "";
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            query = pathAndQuery.substring(q + 1);
        }
        Map<String, String> queryParams = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                queryParams.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query)
                .withQueryStringParameters(queryParams.isEmpty() ? null : queryParams)
                .withHeaders(Map.of("host", "localhost"))
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
        Map<String, String> headers = new HashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.putIfAbsent(k, String.join(",", v)));
        }
        return new Response(response.getStatusCode(), headers, text);
    }

    @Override
    public void close() {
        context.close();
    }
}
