package dev.autocentric.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.local.Json;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.Invoker;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's CORS handling (as API Gateway's CorsConfiguration does it) and its local pages, over real HTTP. */
class GatewayCorsAndPagesTest extends GatewayOverHttp {

    private static final String SHOP = "https://shop.example";

    private final AtomicInteger invocations = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        // the function sets its own CORS header, which the gateway must replace
        Invoker function = event -> {
            invocations.incrementAndGet();
            return new InvocationResult(InvocationResult.Outcome.SUCCESS, """
                    {"statusCode":200,"headers":{"content-type":"application/json","etag":"\\"4\\"",
                     "access-control-allow-origin":"https://evil.example"},"body":"{}"}"""
                    .getBytes(StandardCharsets.UTF_8), "r", Duration.ZERO);
        };
        CorsPolicy cors = CorsPolicy.fromTemplate(Map.of(
                "AllowOrigins", SHOP + ",http://localhost:3000",
                "AllowMethods", List.of("GET", "POST", "PUT", "DELETE"),
                "AllowHeaders", List.of("authorization", "content-type", "idempotency-key"),
                "ExposeHeaders", List.of("etag", "location"),
                "MaxAge", 600));
        var routes = new RouteTable().add(new Route("PUT", "/v1/dealers/{dealerId}/inventory/{vin}", "Fn"))
                .add(new Route("GET", "/v1/search", "Fn"));
        gateway = new HttpApiGateway(routes, Map.of("Fn", function), null, 0, "local", "123456789012",
                cors, new StaticSite());
    }

    @Test
    void answersAPreflightFromAnAllowedOriginItself() throws Exception {
        var r = send(request("/v1/dealers/d-1/inventory/VIN1").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SHOP).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type"));
        assertEquals(204, r.statusCode());
        assertEquals(SHOP, r.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertEquals("GET,POST,PUT,DELETE", r.headers().firstValue("access-control-allow-methods").orElseThrow());
        assertEquals("authorization,content-type,idempotency-key",
                r.headers().firstValue("access-control-allow-headers").orElseThrow());
        assertEquals("600", r.headers().firstValue("access-control-max-age").orElseThrow());
        assertEquals(0, invocations.get(), "no function sees a preflight");

        var anyPath = send(request("/v1/no/such/route").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SHOP).header("Access-Control-Request-Method", "GET"));
        assertEquals(204, anyPath.statusCode(), "preflights are answered whatever the routes");
    }

    @Test
    void refusesAPreflightFromAnotherOriginOrForAMethodOrHeaderNotAllowed() throws Exception {
        var otherOrigin = send(request("/v1/search").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET"));
        assertEquals(204, otherOrigin.statusCode());
        assertTrue(otherOrigin.headers().firstValue("access-control-allow-origin").isEmpty());

        var patch = send(request("/v1/search").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SHOP).header("Access-Control-Request-Method", "PATCH"));
        assertTrue(patch.headers().firstValue("access-control-allow-origin").isEmpty());

        var header = send(request("/v1/search").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SHOP).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-secret"));
        assertTrue(header.headers().firstValue("access-control-allow-origin").isEmpty());
    }

    @Test
    void putsItsOwnCorsHeadersOnAnswersToAllowedOrigins() throws Exception {
        var allowed = send(request("/v1/search").header("Origin", SHOP));
        assertEquals(200, allowed.statusCode());
        assertEquals(List.of(SHOP), allowed.headers().allValues("access-control-allow-origin"),
                "the function's own value is replaced");
        assertEquals("etag,location", allowed.headers().firstValue("access-control-expose-headers").orElseThrow());
        assertTrue(allowed.headers().allValues("vary").contains("Origin"));

        var other = send(request("/v1/search").header("Origin", "https://evil.example"));
        assertEquals(200, other.statusCode(), "the request itself is served; the browser withholds the answer");
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());

        var noOrigin = send(request("/v1/search"));
        assertTrue(noOrigin.headers().firstValue("access-control-allow-origin").isEmpty());
    }

    @Test
    void withoutACorsConfigurationAnOptionsRequestIsJustAnUnknownRoute() throws Exception {
        gateway.close();
        gateway = new HttpApiGateway(new RouteTable().add(new Route("GET", "/v1/search", "Fn")),
                Map.of("Fn", (Invoker) event -> {
                    throw new AssertionError("not invoked");
                }), null, 0, "local", "123456789012");
        var r = send(request("/v1/search").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SHOP).header("Access-Control-Request-Method", "GET"));
        assertEquals(404, r.statusCode());
        assertTrue(r.headers().firstValue("access-control-allow-origin").isEmpty());
    }

    @Test
    void servesTheOpenApiDocumentTheDocsAndTheStorefrontBesideTheApi() throws Exception {
        var yaml = send(request("/openapi.yaml"));
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.headers().firstValue("content-type").orElseThrow().startsWith("application/yaml"));
        assertTrue(yaml.body().startsWith("openapi: 3.1"), yaml.body().substring(0, 40));

        var json = send(request("/openapi.json"));
        assertEquals("3.1.0", Json.parse(json.body()).path("openapi").asText());
        assertTrue(Json.parse(json.body()).path("paths").has("/v1/search"));

        var docs = send(request("/docs"));
        assertEquals(200, docs.statusCode());
        assertTrue(docs.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));

        var root = send(request("/"));
        assertEquals(302, root.statusCode());
        assertEquals("/store/", root.headers().firstValue("location").orElseThrow());
        var store = send(request("/store/"));
        assertEquals(200, store.statusCode());
        assertTrue(store.body().contains("<script"), "the storefront page loads its script");
        assertEquals(200, send(request("/store/store.js")).statusCode());

        assertEquals(404, send(request("/store/../openapi.yaml")).statusCode());
        assertEquals(404, send(request("/store/missing.js")).statusCode());
        assertEquals(405, send(request("/docs").POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode());
        assertEquals(0, invocations.get());
    }

    @Test
    void aRouteMayNotClaimAPageOfTheLocalSite() {
        var routes = new RouteTable().add(new Route("GET", "/{page}", "Fn"));
        var e = assertThrows(IllegalArgumentException.class, () -> new HttpApiGateway(routes,
                Map.of("Fn", (Invoker) event -> null), null, 0, "local", "123456789012", CorsPolicy.none(), new StaticSite()));
        assertTrue(e.getMessage().contains("clashes"), e.getMessage());
    }

    @Test
    void samsShorthandTrueAllowsEveryOrigin() {
        CorsPolicy any = CorsPolicy.fromTemplate(true);
        assertEquals("*", any.responseHeaders("https://anywhere.example").get("access-control-allow-origin").getFirst());
        assertNull(any.responseHeaders("https://anywhere.example").get("vary"));
        assertFalse(CorsPolicy.fromTemplate(null).enabled());
    }
}
