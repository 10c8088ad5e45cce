package dev.autocentric.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadV2Test {

    private static final Instant TIME = Instant.parse("2026-11-26T07:05:09.123Z");

    private final RouteTable routes = new RouteTable().add(new Route("PUT", "/v1/dealers/{dealerId}/inventory/{vin}", "Upsert"));
    private final PayloadV2 payload = new PayloadV2("local", "123456789012");

    private JsonNode event(String query, Map<String, List<String>> headers, byte[] body) {
        var request = new GatewayRequest("PUT", "/v1/dealers/d-1/inventory/VIN1", query, headers, body,
                "127.0.0.1", "HTTP/1.1", TIME);
        var match = routes.match("PUT", request.rawPath()).orElseThrow();
        return payload.event(request, match, "req-1");
    }

    @Test
    void carriesTheRouteThePathAndTheRequestContext() {
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("Host", List.of("localhost:3000"));
        headers.put("User-agent", List.of("curl/8.5.0"));
        JsonNode event = event("", headers, new byte[0]);
        assertEquals("2.0", event.get("version").asText());
        assertEquals("PUT /v1/dealers/{dealerId}/inventory/{vin}", event.get("routeKey").asText());
        assertEquals("/v1/dealers/d-1/inventory/VIN1", event.get("rawPath").asText());
        assertEquals("", event.get("rawQueryString").asText());
        assertEquals("d-1", event.at("/pathParameters/dealerId").asText());
        assertEquals("VIN1", event.at("/pathParameters/vin").asText());
        assertFalse(event.has("queryStringParameters"));
        assertFalse(event.has("cookies"));
        assertFalse(event.has("body"));
        assertFalse(event.get("isBase64Encoded").asBoolean());
        JsonNode context = event.get("requestContext");
        assertEquals("123456789012", context.get("accountId").asText());
        assertEquals("local", context.get("apiId").asText());
        assertEquals("localhost", context.get("domainName").asText());
        assertEquals("PUT", context.at("/http/method").asText());
        assertEquals("/v1/dealers/d-1/inventory/VIN1", context.at("/http/path").asText());
        assertEquals("HTTP/1.1", context.at("/http/protocol").asText());
        assertEquals("127.0.0.1", context.at("/http/sourceIp").asText());
        assertEquals("curl/8.5.0", context.at("/http/userAgent").asText());
        assertEquals("req-1", context.get("requestId").asText());
        assertEquals("$default", context.get("stage").asText());
        assertEquals("26/Nov/2026:07:05:09 +0000", context.get("time").asText());
        assertEquals(TIME.toEpochMilli(), context.get("timeEpoch").asLong());
    }

    @Test
    void lowerCasesHeadersJoinsRepeatsAndMovesCookiesOut() {
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("Accept", List.of("text/html", "application/json"));
        headers.put("Cookie", List.of("a=1; b=2"));
        headers.put("Authorization", List.of("Bearer x"));
        headers.put("Connection", List.of("Upgrade, HTTP2-Settings"));
        headers.put("Upgrade", List.of("h2c"));
        JsonNode event = event("", headers, new byte[0]);
        assertFalse(event.get("headers").has("connection"));
        assertFalse(event.get("headers").has("upgrade"));
        assertEquals("text/html,application/json", event.at("/headers/accept").asText());
        assertEquals("Bearer x", event.at("/headers/authorization").asText());
        assertFalse(event.get("headers").has("cookie"));
        assertEquals(List.of("a=1", "b=2"), List.of(event.at("/cookies/0").asText(), event.at("/cookies/1").asText()));
    }

    @Test
    void decodesQueryParametersAndJoinsRepeatedNames() {
        JsonNode event = event("make=Chevrolet&make=GMC&q=a%20b&empty", Map.of(), new byte[0]);
        assertEquals("make=Chevrolet&make=GMC&q=a%20b&empty", event.get("rawQueryString").asText());
        assertEquals("Chevrolet,GMC", event.at("/queryStringParameters/make").asText());
        assertEquals("a b", event.at("/queryStringParameters/q").asText());
        assertEquals("", event.at("/queryStringParameters/empty").asText());
    }

    @Test
    void textBodiesStayTextOthersAreBase64() {
        byte[] json = "{\"vin\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        JsonNode text = event("", Map.of("Content-Type", List.of("application/json; charset=utf-8")), json);
        assertEquals("{\"vin\":\"x\"}", text.get("body").asText());
        assertFalse(text.get("isBase64Encoded").asBoolean());

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        JsonNode binary = event("", Map.of("Content-Type", List.of("image/png")), png);
        assertTrue(binary.get("isBase64Encoded").asBoolean());
        assertArrayEquals(png, Base64.getDecoder().decode(binary.get("body").asText()));
    }

    @Test
    void mapsAStructuredResponse() {
        String answer = """
                {"statusCode":201,"headers":{"Content-Type":"application/json","ETag":"\\"3\\""},
                 "multiValueHeaders":{"X-Many":["a","b"]},"cookies":["s=1; HttpOnly","t=2"],
                 "body":"{\\"ok\\":true}","isBase64Encoded":false}""";
        GatewayResponse response = PayloadV2.response(answer.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, response.status());
        assertEquals(List.of("application/json"), response.headers().get("content-type"));
        assertEquals(List.of("\"3\""), response.headers().get("etag"));
        assertEquals(List.of("a", "b"), response.headers().get("x-many"));
        assertEquals(List.of("s=1; HttpOnly", "t=2"), response.headers().get("set-cookie"));
        assertEquals("{\"ok\":true}", response.bodyText());
    }

    @Test
    void decodesABase64Body() {
        String encoded = Base64.getEncoder().encodeToString(new byte[]{1, 2, 3});
        GatewayResponse response = PayloadV2.response(("{\"statusCode\":200,\"body\":\"" + encoded
                + "\",\"isBase64Encoded\":true}").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new byte[]{1, 2, 3}, response.body());
    }

    @Test
    void infersA200ForJsonWithoutStatusCode() {
        GatewayResponse response = PayloadV2.response("{\"items\":[]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.status());
        assertEquals(List.of("application/json"), response.headers().get("content-type"));
        assertEquals("{\"items\":[]}", response.bodyText());
    }

    @Test
    void answers500ForAResponseItCannotMap() {
        assertEquals(500, PayloadV2.response("not json".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(500, PayloadV2.response("{\"statusCode\":\"abc\"}".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals("{\"message\":\"Internal Server Error\"}",
                PayloadV2.response("{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}"
                        .getBytes(StandardCharsets.UTF_8)).bodyText());
    }
}
