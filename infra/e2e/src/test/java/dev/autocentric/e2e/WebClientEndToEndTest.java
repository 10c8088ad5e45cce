package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.LocalRuntime;
import dev.autocentric.local.Options;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.shared.vin.Vin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as web clients meet it, on the local runtime with a few dealers and vehicles: the
 * OpenAPI document and its docs page beside the API, CORS for the template's AllowedOrigins, a
 * tour of every documented operation (answers checked against openapi.yaml by
 * {@link ResponsesMatchOpenApi}), and the storefront's buyer journey in a real browser
 * (journey.mjs: Playwright driving the system's chromium), its screenshots in target/screenshots.
 */
@ExtendWith(ResponsesMatchOpenApi.class)
class WebClientEndToEndTest {
    static final String ADMIN_TOKEN = "e2e-web-operator-token-0123456789abcdef";
    static final Path BROWSER = ProjectRoot.find().resolve("infra/e2e/src/test/browser");
    static final Path SCREENSHOTS = ProjectRoot.find().resolve("infra/e2e/target/screenshots");

    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static Api api;
    /** The storefront's origin in the browser journey: another origin than the API's, so every call is CORS. */
    static String storeOrigin;
    static final Map<String, String> credentials = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        storeOrigin = "http://127.0.0.1:" + port;
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8)));
        runtime = LocalRuntime.start(Options.forTemplate(ProjectRoot.find().resolve("template.yaml"))
                .parameter("AdminTokenSha256", hash)
                .parameter("LocalMode", "true")
                .parameter("AllowedOrigins", storeOrigin + ",https://shop.example")
                .httpPort(port)
                .seed("none")
                .stateDirectory(work.resolve("state"))
                .logDirectory(work.resolve("logs")));
        api = new Api(runtime.httpEndpoint());

        enrol("dlr-web-detroit", "Motor City Chevrolet", "Detroit", "MI", "48226", 42.33181, -83.05035, true);
        enrol("dlr-web-chicago", "Loop Chevrolet", "Chicago", "IL", "60601", 41.88515, -87.62151, true);
        enrol("dlr-web-annarbor", "Huron Valley Motors", "Ann Arbor", "MI", "48104", 42.2808, -83.7430, false);
        long[] malibuPrices = {2_299_900, 2_549_900, 2_649_900, 2_749_900};
        for (int i = 0; i < malibuPrices.length; i++) {
            stock("dlr-web-detroit", vehicle(vin("1G1ZD5ST0LF9", i), "Malibu", "LT", malibuPrices[i]));
        }
        stock("dlr-web-chicago", vehicle(vin("1G1ZD5ST0LF9", 10), "Malibu", "RS", 2_699_900));
        stock("dlr-web-annarbor", vehicle(vin("1G1ZD5ST0LF9", 20), "Equinox", "LT", 2_899_900));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static void enrol(String id, String name, String city, String state, String zip, double lat, double lon,
                      boolean deliveryPoint) {
        Map<String, Object> d = ListingEndToEndTest.dealer(id, zip, lat, lon);
        d.put("name", name);
        d.put("city", city);
        d.put("state", state);
        d.put("deliveryPoint", deliveryPoint);
        if (!deliveryPoint) {
            d.put("network", "OTHER");
        }
        Api.Reply r = api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, d);
        assertEquals(201, r.status(), r.body());
        credentials.put(id, r.json().path("credential").asText());
    }

    static String vin(String prefix, int n) {
        return Vin.withCheckDigit(prefix + String.format("%0" + (17 - prefix.length()) + "d", n));
    }

    static Map<String, Object> vehicle(String vin, String model, String trim, long ePriceCents) {
        Map<String, Object> v = ListingEndToEndTest.vehicle(vin, ePriceCents);
        v.put("model", model);
        v.put("trim", trim);
        v.put("bodyStyle", model.equals("Malibu") ? "SEDAN" : "SUV");
        return v;
    }

    static void stock(String dealerId, Map<String, Object> vehicle) {
        Api.Reply r = api.send("PUT", "/v1/dealers/" + dealerId + "/inventory/" + vehicle.get("vin"),
                credentials.get(dealerId), vehicle);
        assertEquals(201, r.status(), r.body());
    }

    @Test
    void theRuntimeServesTheDocumentItsDocsAndTheStorefront() throws IOException {
        Api.Reply yaml = api.send("GET", "/openapi.yaml", null, null);
        assertEquals(200, yaml.status());
        assertEquals(Files.readString(OpenApiDocument.FILE), yaml.body(),
                "the runtime serves the document in the source tree (reinstall infra/local when they differ)");
        Api.Reply json = api.send("GET", "/openapi.json", null, null);
        assertEquals(OpenApiDocument.get().operations().size(), countOperations(json.json()));
        Api.Reply docs = api.send("GET", "/docs", null, null);
        assertEquals(200, docs.status());
        assertTrue(docs.body().contains("/openapi.json"), "the docs page renders the document");
        Api.Reply store = api.send("GET", "/store/", null, null);
        assertEquals(200, store.status());
        assertTrue(store.headers().first("content-type").startsWith("text/html"));
        assertEquals(302, api.send("GET", "/", null, null).status());
    }

    private static int countOperations(JsonNode doc) {
        int n = 0;
        for (JsonNode item : doc.path("paths")) {
            for (String m : OpenApiDocument.METHODS) {
                n += item.has(m) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void browsersOnTheAllowedOriginsMayCallTheApi() {
        Api.Reply preflight = api.send("OPTIONS", "/v1/orders", null, null, "origin", storeOrigin,
                "access-control-request-method", "POST", "access-control-request-headers", "content-type,idempotency-key");
        assertEquals(204, preflight.status());
        assertEquals(storeOrigin, preflight.headers().first("access-control-allow-origin"));
        assertTrue(preflight.headers().first("access-control-allow-methods").contains("POST"));
        assertEquals("authorization,content-type,idempotency-key,if-match",
                preflight.headers().first("access-control-allow-headers"), "the configured AllowHeaders");
        assertEquals("600", preflight.headers().first("access-control-max-age"));

        Api.Reply dealerPreflight = api.send("OPTIONS", "/v1/dealers/dlr-web-detroit/inventory/" + vin("1G1ZD5ST0LF9", 0), null, null,
                "origin", "https://shop.example", "access-control-request-method", "PUT",
                "access-control-request-headers", "authorization,content-type,if-match");
        assertEquals("https://shop.example", dealerPreflight.headers().first("access-control-allow-origin"));

        Api.Reply other = api.send("OPTIONS", "/v1/orders", null, null, "origin", "https://evil.example",
                "access-control-request-method", "POST");
        assertEquals(null, other.headers().first("access-control-allow-origin"), "an origin not in AllowedOrigins");

        Api.Reply listing = api.send("GET", "/v1/listings/" + vin("1G1ZD5ST0LF9", 1), null, null, "origin", storeOrigin);
        assertEquals(200, listing.status(), listing.body());
        assertEquals(storeOrigin, listing.headers().first("access-control-allow-origin"));
        assertTrue(listing.headers().first("access-control-expose-headers").contains("etag"),
                "a page may read the ETag it needs for If-Match");
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        String detroit = credentials.get("dlr-web-detroit");
        String chicago = credentials.get("dlr-web-chicago");
        String annArbor = credentials.get("dlr-web-annarbor");
        Map<String, Object> tour = ListingEndToEndTest.dealer("dlr-web-tour", "48226", 42.3314, -83.0458);
        tour.put("name", "Tour Chevrolet");
        assertEquals(201, api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, tour).status());
        String cred = api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, Map.of("name", "No id", "network", "GM",
                "address", "1 Main St", "city", "Detroit", "state", "MI", "zip", "48226", "lat", 42.3, "lon", -83.0))
                .json().path("credential").asText();
        assertFalse(cred.isEmpty(), "the server made up an id");
        expect(409, api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, tour));
        expect(401, api.send("POST", "/v1/admin/dealers", "not-the-operator", tour));
        expect(400, api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, Map.of("name", "", "network", "FORD")));
        String tourCred = api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN,
                ListingEndToEndTest.dealer("dlr-web-tour2", "48226", 42.3314, -83.0458)).json().path("credential").asText();
        credentials.put("dlr-web-tour2", tourCred);
        String own = "/v1/dealers/dlr-web-tour2/inventory/";

        // inventory: create, update, conditional writes, bad bodies, other dealers
        String a = vin("1GCUYDED7NZ", 1);
        String b = vin("1GCUYDED7NZ", 2);
        Map<String, Object> silverado = vehicle(a, "Silverado 1500", "LT", 4_199_900);
        silverado.put("bodyStyle", "PICKUP");
        expect(201, api.send("PUT", own + a, tourCred, silverado));
        silverado.put("mileage", 20);
        expect(200, api.send("PUT", own + a, tourCred, silverado, "if-match", "\"1\""));
        expect(412, api.send("PUT", own + a, tourCred, silverado, "if-match", "\"9\""));
        expect(400, api.send("PUT", own + a, tourCred, Map.of("year", 1900, "colour", "red")));
        expect(401, api.send("PUT", own + a, null, silverado));
        expect(403, api.send("PUT", own + a, detroit, silverado));
        expect(409, api.send("PUT", "/v1/dealers/dlr-web-detroit/inventory/" + a, detroit, vehicle(a, "Malibu", "LT", 2_500_000)));
        expect(413, api.send("PUT", own + a + "/price", tourCred, "{\"ePriceCents\": 1" + " ".repeat(5000) + "}"));

        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, Object> second = vehicle(b, "Silverado 1500", "WT", 3_999_900);
        second.put("listed", false);
        items.add(second);
        Map<String, Object> bad = vehicle(vin("1GCUYDED7NZ", 3), "Silverado 1500", "LT", 3_000_000);
        bad.put("mileage", -5);
        items.add(bad);
        items.add(silverado); // as stored: unchanged
        JsonNode batch = expect(200, api.send("POST", own.replace("/inventory/", "/inventory/batch"), tourCred,
                Map.of("items", items))).json();
        assertEquals("stored", batch.path("results").get(0).path("status").asText(), batch.toString());
        assertEquals("rejected", batch.path("results").get(1).path("status").asText());
        assertEquals("unchanged", batch.path("results").get(2).path("status").asText());
        expect(400, api.send("POST", own.replace("/inventory/", "/inventory/batch"), tourCred, Map.of("items", List.of())));

        JsonNode page = expect(200, api.send("GET", "/v1/dealers/dlr-web-tour2/inventory?limit=1", tourCred, null)).json();
        expect(200, api.send("GET", "/v1/dealers/dlr-web-tour2/inventory?limit=1&cursor=" + page.path("nextCursor").asText(),
                tourCred, null));
        expect(400, api.send("GET", "/v1/dealers/dlr-web-tour2/inventory?limit=0", tourCred, null));
        expect(403, api.send("GET", "/v1/dealers/dlr-web-tour2/inventory", annArbor, null));

        // buyers' reads: listing, quote, price history, search, dealers
        expect(200, api.send("GET", "/v1/listings/" + a, null, null));
        expect(404, api.send("GET", "/v1/listings/" + b, null, null)); // not listed
        expect(400, api.send("GET", "/v1/listings/NOTAVIN", null, null));
        expect(200, api.send("PUT", own + a + "/price", tourCred, Map.of("ePriceCents", 4_099_900), "if-match", "\"2\""));
        expect(412, api.send("PUT", own + a + "/price", tourCred, Map.of("ePriceCents", 4_099_800), "if-match", "\"1\""));
        expect(400, api.send("PUT", own + a + "/price", tourCred, Map.of("ePriceCents", 10)));
        expect(404, api.send("PUT", own + vin("1GCUYDED7NZ", 99) + "/price", tourCred, Map.of("ePriceCents", 4_000_000)));
        expect(200, api.send("GET", "/v1/listings/" + a + "/price-history?limit=5", null, null));
        expect(400, api.send("GET", "/v1/listings/" + a + "/price-history?cursor=forged", null, null));
        expect(404, api.send("GET", "/v1/listings/" + b + "/price-history", null, null));
        expect(400, api.send("GET", "/v1/listings/" + a + "/quote", null, null));
        expect(409, api.send("GET", "/v1/listings/" + b + "/quote?zip=60601", null, null));
        expect(404, api.send("GET", "/v1/listings/" + vin("1GCUYDED7NZ", 98) + "/quote?zip=60601", null, null));
        JsonNode quote = expect(200, api.send("GET", "/v1/listings/" + a + "/quote?zip=60601", null, null)).json();
        expect(200, api.send("GET", "/v1/search?make=chevrolet&zip=48226&radiusMiles=50&sort=distance&limit=2&facets=make,model,bodyStyle,condition,fuel",
                null, null));
        expect(200, api.send("GET", "/v1/search?model=Silverado%201500&sort=-price", null, null));
        expect(400, api.send("GET", "/v1/search?sort=distance&colour=red", null, null));
        expect(200, api.send("GET", "/v1/dealers/nearest?zip=60601&limit=2", null, null));
        expect(400, api.send("GET", "/v1/dealers/nearest?zip=6060", null, null));
        expect(200, api.send("GET", "/v1/dealers/dlr-web-annarbor", null, null));
        expect(404, api.send("GET", "/v1/dealers/dlr-web-nobody", null, null));
        expect(400, api.send("GET", "/v1/dealers/NO_SUCH", null, null));

        // the dealer's webhook
        expect(200, api.send("PUT", "/v1/dealers/dlr-web-tour2/webhook", tourCred,
                Map.of("url", "https://crm.dealer.example/hooks/autocentric", "format", "adf")));
        expect(400, api.send("PUT", "/v1/dealers/dlr-web-tour2/webhook", tourCred, Map.of("url", "ftp://x", "format", "xml")));

        // an order: placement, replay, reuse of the key, the buyer's and the dealers' views and moves
        Map<String, Object> order = Map.of("vin", a, "quoteId", quote.path("quoteId").asText(),
                "buyer", Map.of("name", "Ann Buyer", "email", "ann@example.com", "phone", "(312) 555-0147", "zip", "60601"));
        String key = UUID.randomUUID().toString();
        expect(400, api.send("POST", "/v1/orders", null, order));
        Api.Reply placed = expect(201, api.send("POST", "/v1/orders", null, order, "idempotency-key", key));
        Api.Reply replayed = expect(201, api.send("POST", "/v1/orders", null, order, "idempotency-key", key));
        assertEquals("true", replayed.headers().first("idempotent-replayed"));
        Map<String, Object> otherBuyer = Map.of("vin", a, "quoteId", quote.path("quoteId").asText(),
                "buyer", Map.of("name", "Bo Buyer", "email", "bo@example.com", "phone", "3125550148", "zip", "60601"));
        expect(422, api.send("POST", "/v1/orders", null, otherBuyer, "idempotency-key", key));
        expect(409, api.send("POST", "/v1/orders", null, otherBuyer, "idempotency-key", UUID.randomUUID().toString()));
        expect(400, api.send("POST", "/v1/orders", null, Map.of("vin", vin("1GCUYDED7NZ", 97), "quoteId", quote.path("quoteId").asText(),
                "buyer", otherBuyer.get("buyer")), "idempotency-key", UUID.randomUUID().toString())); // a quote of another vehicle
        String orderId = placed.json().path("orderId").asText();
        String token = placed.json().path("accessToken").asText();
        expect(200, api.send("GET", "/v1/orders/" + orderId, token, null));
        expect(401, api.send("GET", "/v1/orders/" + orderId, null, null));
        expect(403, api.send("GET", "/v1/orders/" + orderId, "aco_" + "A".repeat(43), null));
        expect(404, api.send("GET", "/v1/orders/not-an-order", token, null));
        expect(409, api.send("PUT", own + a, tourCred, vehicle(a, "Silverado 1500", "LT", 4_199_900)));
        expect(409, api.send("DELETE", own + a, tourCred, null));

        String orders = "/v1/dealers/dlr-web-tour2/orders";
        expect(200, api.send("GET", orders + "?role=seller&status=PLACED&limit=5", tourCred, null));
        expect(400, api.send("GET", orders + "?role=buyer", tourCred, null));
        expect(200, api.send("GET", "/v1/dealers/dlr-web-chicago/orders?role=delivery", chicago, null));
        expect(403, api.send("POST", "/v1/dealers/dlr-web-chicago/orders/" + orderId + "/confirm", chicago, null));
        expect(404, api.send("POST", "/v1/dealers/dlr-web-annarbor/orders/" + orderId + "/confirm", annArbor, null));
        expect(400, api.send("POST", orders + "/" + orderId + "/approve", tourCred, null));
        expect(200, api.send("POST", orders + "/" + orderId + "/confirm", tourCred, null));
        expect(409, api.send("POST", "/v1/dealers/dlr-web-chicago/orders/" + orderId + "/deliver", chicago, null));
        expect(200, api.send("POST", "/v1/orders/" + orderId + "/cancel", token, null));
        expect(409, api.send("POST", "/v1/orders/" + orderId + "/cancel", token, null));
        expect(401, api.send("POST", "/v1/orders/" + orderId + "/cancel", null, null));

        // withdraw, now that the order let the vehicle go
        expect(204, api.send("DELETE", own + a, tourCred, null, "if-match", "*"));
        expect(404, api.send("DELETE", own + vin("1GCUYDED7NZ", 96), tourCred, null));
        expect(412, api.send("DELETE", own + b, tourCred, null, "if-match", "\"77\""));

        Set<String> seen = ResponsesMatchOpenApi.recordedSoFar();
        Set<String> missing = new TreeSet<>();
        for (String operation : OpenApiDocument.get().operations()) {
            if (seen.stream().noneMatch(s -> s.startsWith(operation + " 2"))) {
                missing.add(operation);
            }
        }
        assertTrue(missing.isEmpty(), "operations the tour did not answer with a 2xx: " + missing);
        System.out.println("[openapi] operation/status pairs exercised so far: " + seen.size() + " of "
                + documentedPairs() + " documented");
        assertNotNull(detroit);
    }

    private static int documentedPairs() {
        int n = 0;
        OpenApiDocument doc = OpenApiDocument.get();
        for (String operation : doc.operations()) {
            String[] parts = operation.split(" ", 2);
            n += doc.operation(parts[0], parts[1]).path("responses").size();
        }
        return n;
    }

    private static Api.Reply expect(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        return reply;
    }

    @Test
    void aBuyerFindsQuotesAndOrdersACarInTheStorefront() throws Exception {
        Path modules = BROWSER.resolve("node_modules/playwright-core");
        assertTrue(Files.isDirectory(modules), "no " + modules + ": run `make setup` (npm ci in " + BROWSER + ")");
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertTrue(Files.isExecutable(Path.of(chromium)), "no chromium at " + chromium + ": run `make setup` (apt-get install chromium)");
        // deal ratings come from the Listings stream: wait until search results carry them
        Eventually.await("deal ratings on the Malibus", Duration.ofSeconds(60), () -> {
            JsonNode items = api.send("GET", "/v1/search?model=Malibu&sort=price", null, null).json().path("items");
            return items.size() >= 5 && items.get(0).has("dealRating");
        });

        URI store = URI.create(storeOrigin + "/store/?api=" + runtime.httpEndpoint());
        Files.createDirectories(SCREENSHOTS);
        try (var old = Files.list(SCREENSHOTS)) {
            for (Path file : old.toList()) {
                Files.delete(file); // only this run's screenshots
            }
        }
        Path log = SCREENSHOTS.resolve("journey.log");
        Process node = new ProcessBuilder("node", "journey.mjs", store.toString(), SCREENSHOTS.toString())
                .directory(BROWSER.toFile())
                .redirectErrorStream(false)
                .redirectOutput(SCREENSHOTS.resolve("journey.out").toFile())
                .redirectError(log.toFile())
                .start();
        try {
            if (!node.waitFor(4, TimeUnit.MINUTES)) {
                throw new AssertionError("the browser journey took longer than 4 minutes; " + Files.readString(log));
            }
        } finally {
            // the browser is node's child: stop both when the journey hangs
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        recordBrowserExchanges(SCREENSHOTS.resolve("exchanges.json"));
        assertEquals(0, node.exitValue(), "node journey.mjs failed:\n" + Files.readString(log));
        String out = Files.readString(SCREENSHOTS.resolve("journey.out")).trim();
        JsonNode result = Api.JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));

        // what the page showed is what the API holds: the cheapest Malibu, ordered, at its quote
        String cheapest = vin("1G1ZD5ST0LF9", 0);
        assertEquals(cheapest, result.path("vin").asText(), out);
        String cred = credentials.get("dlr-web-detroit");
        JsonNode sellerView = api.send("GET", "/v1/dealers/dlr-web-detroit/orders?status=PLACED", cred, null).json();
        assertEquals(result.path("orderId").asText(), sellerView.path("items").get(0).path("orderId").asText(), sellerView.toString());
        assertEquals("dlr-web-chicago", sellerView.path("items").get(0).path("deliveryDealer").path("dealerId").asText());
        assertEquals("RESERVED", api.send("GET", "/v1/listings/" + cheapest, null, null).json().path("status").asText());
        for (String shot : List.of("01-search-results.png", "02-listing-and-quote.png", "03-order-form.png", "04-order-status.png")) {
            assertTrue(Files.size(SCREENSHOTS.resolve(shot)) > 10_000, shot + " was written");
        }
    }

    /** The API answers the browser got go through the same OpenAPI check as this class's own calls. */
    private static void recordBrowserExchanges(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (JsonNode e : Api.JSON.readTree(file.toFile())) {
            Map<String, List<String>> headers = new TreeMap<>();
            e.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
            String method = e.path("method").asText();
            String rawPath = e.path("path").asText();
            ResponsesMatchOpenApi.record(new ResponsesMatchOpenApi.Exchange(method, rawPath,
                    OpenApiDocument.get().pathOf(method, rawPath).orElse(null),
                    e.path("requestBody").isTextual() ? e.path("requestBody").asText() : null,
                    e.path("status").asInt(), HttpHeaders.of(headers, (k, v) -> true), e.path("body").asText()));
        }
    }
}
