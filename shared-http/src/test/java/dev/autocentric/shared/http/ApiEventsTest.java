package dev.autocentric.shared.http;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ApiFunction} reads API Gateway events and writes its answers itself (a stream handler), so
 * what it reads and writes must be what the runtime interface client's serialiser would have made
 * of the same bytes: every sample request in {@code events/http}, with every field filled, and an
 * answer with every field set.
 */
class ApiEventsTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    // what the runtime interface client uses for a RequestHandler of these classes: they are not among
    // its "supported events" (those get mix-ins), so its plain Jackson serialiser
    private static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME_EVENTS =
            JacksonFactory.getInstance().getSerializer(APIGatewayV2HTTPEvent.class);
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RUNTIME_ANSWERS =
            JacksonFactory.getInstance().getSerializer(APIGatewayV2HTTPResponse.class);

    @Test
    void theRuntimePicksTheStreamHandler() {
        // the runtime interface client takes a class named without a method as a stream handler first
        assertTrue(RequestStreamHandler.class.isAssignableFrom(ApiFunction.class));
        assertTrue(RequestHandler.class.isAssignableFrom(ApiFunction.class), "and it is still Micronaut's API Gateway function");
        assertFalse(LambdaEventSerializers.isLambdaSupportedEvent(APIGatewayV2HTTPEvent.class.getName()));
        assertFalse(LambdaEventSerializers.isLambdaSupportedEvent(APIGatewayV2HTTPResponse.class.getName()));
    }

    @Test
    void everySampleRequestReadsAsTheRuntimeReadsIt() throws IOException {
        Path dir = Path.of(System.getProperty("autocentric.root", "../")).resolve("events/http");
        List<Path> samples;
        try (Stream<Path> files = Files.list(dir)) {
            samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(samples.size() >= 10, "samples found in " + dir);
        for (Path sample : samples) {
            byte[] json = Files.readAllBytes(sample);
            assertSameEvent(json, sample.getFileName().toString());
        }
    }

    @Test
    void aRequestWithEveryFieldReadsAsTheRuntimeReadsIt() throws IOException {
        String json = """
                {"version":"2.0","routeKey":"POST /v1/orders","rawPath":"/v1/orders","rawQueryString":"a=1&b=%20x",
                 "cookies":["c1=v1","c2=v2"],"headers":{"Content-Type":"application/json","x-multi":"a,b"},
                 "queryStringParameters":{"a":"1","b":" x"},"pathParameters":{"vin":"1G1ZD5ST1LF012345"},
                 "stageVariables":{"s":"t"},"body":"eyJhIjoxfQ==","isBase64Encoded":true,
                 "requestContext":{"routeKey":"POST /v1/orders","accountId":"123456789012","stage":"$default",
                  "apiId":"abc","domainName":"api.example.com","domainPrefix":"api","time":"26/Nov/2026:07:00:00 +0000",
                  "timeEpoch":1795849200000,"requestId":"r-1",
                  "http":{"method":"POST","path":"/v1/orders","protocol":"HTTP/1.1","sourceIp":"203.0.113.9","userAgent":"ua"},
                  "authorizer":{"jwt":{"claims":{"sub":"buyer-1","scope":"orders"},"scopes":["orders"]},"lambda":{"k":"v"}},
                  "authentication":{"clientCert":{"clientCertPem":"pem","subjectDN":"CN=x","issuerDN":"CN=y","serialNumber":"1",
                   "validity":{"notBefore":"a","notAfter":"b"}}}},
                 "someFieldApiGatewayAddsLater":{"x":1}}
                """;
        APIGatewayV2HTTPEvent ours = assertSameEvent(json.getBytes(StandardCharsets.UTF_8), "every field");
        assertEquals("buyer-1", ours.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"));
        assertTrue(ours.getIsBase64Encoded());
        assertEquals(List.of("c1=v1", "c2=v2"), ours.getCookies());
        assertEquals("application/json", ours.getHeaders().get("Content-Type"));
        assertEquals(1795849200000L, ours.getRequestContext().getTimeEpoch());
    }

    @Test
    void anAnswerIsWrittenAsTheRuntimeWritesItLessItsNulls() throws IOException {
        APIGatewayV2HTTPResponse full = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("content-type", "application/problem+json", "etag", "\"3\""))
                .withMultiValueHeaders(Map.of("vary", List.of("accept", "origin")))
                .withCookies(List.of("a=b; Secure")).withBody("{\"ok\":true}").withIsBase64Encoded(false).build();
        APIGatewayV2HTTPResponse sparse = APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
        for (APIGatewayV2HTTPResponse answer : List.of(full, sparse)) {
            JsonNode ours = PLAIN.readTree(ApiEvents.writeResponse(answer));
            ByteArrayOutputStream runtime = new ByteArrayOutputStream();
            RUNTIME_ANSWERS.toJson(answer, runtime);
            assertEquals(withoutNulls(PLAIN.readTree(runtime.toByteArray())), ours);
            assertFalse(ours.toString().contains("null"), ours.toString());
        }
        assertEquals(201, PLAIN.readTree(ApiEvents.writeResponse(full)).get("statusCode").asInt());
        assertEquals(false, PLAIN.readTree(ApiEvents.writeResponse(full)).get("isBase64Encoded").asBoolean(true));
    }

    /** Reads {@code json} both ways and compares the two events field by field (through one writer). */
    private static APIGatewayV2HTTPEvent assertSameEvent(byte[] json, String label) throws IOException {
        APIGatewayV2HTTPEvent ours = ApiEvents.readEvent(json);
        APIGatewayV2HTTPEvent runtime = RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(json));
        assertEquals(PLAIN.valueToTree(runtime), PLAIN.valueToTree(ours), label);
        assertEquals(runtime, ours, label); // the event classes compare by value
        return ours;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = PLAIN.createObjectNode();
            object.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        return node;
    }
}
