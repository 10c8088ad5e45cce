package dev.autocentric.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.Json;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.InvocationResult.Outcome;
import dev.autocentric.local.lambda.Invoker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway over real HTTP, with scripted functions in place of JVMs. */
class HttpApiGatewayTest extends GatewayOverHttp {

    private final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();

    private static InvocationResult result(Outcome outcome, String payload) {
        return new InvocationResult(outcome, payload.getBytes(StandardCharsets.UTF_8), "r", Duration.ZERO);
    }

    @BeforeEach
    void start() throws Exception {
        Invoker echo = event -> {
            lastEvent.set(Json.parse(event));
            return result(Outcome.SUCCESS, """
                    {"statusCode":201,"headers":{"content-type":"application/json","etag":"\\"1\\""},
                     "cookies":["a=1","b=2"],"body":"{\\"stored\\":true}"}""");
        };
        Invoker broken = event -> result(Outcome.FUNCTION_ERROR, "{\"errorType\":\"Boom\"}");
        Invoker busy = new Invoker() {
            @Override
            public InvocationResult invoke(byte[] event) {
                throw new AssertionError("the gateway must bound its wait");
            }

            @Override
            public InvocationResult invoke(byte[] event, Duration maxWait) {
                return result(Outcome.THROTTLED, "{}");
            }
        };
        var routes = new RouteTable()
                .add(new Route("PUT", "/v1/dealers/{dealerId}/inventory/{vin}", "Echo"))
                .add(new Route("GET", "/v1/broken", "Broken"))
                .add(new Route("GET", "/v1/busy", "Busy"));
        gateway = new HttpApiGateway(routes, Map.of("Echo", echo, "Broken", broken, "Busy", busy),
                null, 0, "local", "123456789012");
    }

    @Test
    void invokesTheRoutesFunctionAndMapsItsAnswer() throws Exception {
        var response = send(request("/v1/dealers/d-1/inventory/VIN1?dryRun=true")
                .header("Authorization", "Bearer abc").header("Content-Type", "application/json")
                .header("Cookie", "session=xyz")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"vin\":\"VIN1\"}")));

        assertEquals(201, response.statusCode());
        assertEquals("{\"stored\":true}", response.body());
        assertEquals("\"1\"", response.headers().firstValue("etag").orElseThrow());
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("set-cookie"));
        assertTrue(response.headers().firstValue("apigw-requestid").isPresent());

        JsonNode event = lastEvent.get();
        assertEquals("PUT /v1/dealers/{dealerId}/inventory/{vin}", event.get("routeKey").asText());
        assertEquals("VIN1", event.at("/pathParameters/vin").asText());
        assertEquals("true", event.at("/queryStringParameters/dryRun").asText());
        assertEquals("Bearer abc", event.at("/headers/authorization").asText());
        assertEquals("session=xyz", event.at("/cookies/0").asText());
        assertEquals("{\"vin\":\"VIN1\"}", event.get("body").asText());
        assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(),
                event.at("/requestContext/requestId").asText());
    }

    @Test
    void answersLikeApiGatewayWhenThereIsNoRoute() throws Exception {
        var response = send(request("/v1/nothing-here"));
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
        assertEquals(404, send(request("/v1/broken").DELETE()).statusCode());
    }

    @Test
    void aFailedFunctionIs500AndNoFreeInstanceIs503() throws Exception {
        var broken = send(request("/v1/broken"));
        assertEquals(500, broken.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", broken.body());
        var busy = send(request("/v1/busy"));
        assertEquals(503, busy.statusCode());
        assertEquals("{\"message\":\"Service Unavailable\"}", busy.body());
    }

    @Test
    void aBodyOverTenMebibytesIs413() throws Exception {
        byte[] big = new byte[HttpApiGateway.MAX_BODY_BYTES + 1];
        var response = send(request("/v1/dealers/d-1/inventory/VIN1").PUT(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertEquals(413, response.statusCode());
        assertEquals(null, lastEvent.get());
    }
}
