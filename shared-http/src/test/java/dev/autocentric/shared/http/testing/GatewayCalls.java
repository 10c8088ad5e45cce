package dev.autocentric.shared.http.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.json.Json;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Calls a Micronaut function as Lambda does: each request becomes an API Gateway payload 2.0
 * event handed to {@link APIGatewayV2HTTPEventFunction}, and the answer is decoded back into a
 * status, headers and body. Shared by the functions' tests (test-jar of this module).
 */
public final class GatewayCalls {

    private final APIGatewayV2HTTPEventFunction function;

    public GatewayCalls(APIGatewayV2HTTPEventFunction function) {
        this.function = function;
    }

    /** An answer: status, headers (names as sent) and the body text. */
    public record Response(int status, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return Json.tree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        /** Asserts a problem+json answer of this status and answers its body. */
        public JsonNode problem(int expectedStatus) {
            assertEquals(expectedStatus, status, body);
            assertEquals("application/problem+json", header("Content-Type").split(";")[0], body);
            JsonNode problem = json();
            assertEquals(expectedStatus, problem.get("status").asInt(), body);
            return problem;
        }
    }

    /**
     * Request headers for {@link #send}: {@code authorization} carrying the given value (none when it is null),
     * then {@code extra}, which may replace it.
     */
    public static Map<String, String> authorizedBy(String authorization, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        headers.putAll(extra);
        return headers;
    }

    /** Sends {@code method pathAndQuery} with the given headers (lower-case names, as API Gateway passes them) and body. */
    public Response send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        String path = pathAndQuery;
        String query = "";
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            query = pathAndQuery.substring(q + 1);
        }
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("host", "localhost");
        if (body != null) {
            sent.put("content-type", "application/json");
        }
        headers.forEach((k, v) -> sent.put(k.toLowerCase(java.util.Locale.ROOT), v));
        Map<String, String> queryParams = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                queryParams.merge(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8), (a, b) -> a + "," + b);
            }
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString(query)
                .withQueryStringParameters(queryParams.isEmpty() ? null : queryParams)
                .withHeaders(sent).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString()).withStage("$default")
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
}
