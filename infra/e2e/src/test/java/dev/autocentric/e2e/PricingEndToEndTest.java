package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.LocalRuntime;
import dev.autocentric.local.Options;
import dev.autocentric.local.emulator.ProjectRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pricing function and its stream consumer deployed from template.yaml into the local runtime
 * with the listing function: a dealer changes an e-price, the next quote and the price history
 * show it, search finds it at its new price at once, and listing detail and search results carry a
 * deal rating kept from the Listings stream. Then the buyer's journey on to the orders function:
 * quote, simultaneous orders of which one wins, the dealers' lifecycle to delivery. Every answer is
 * checked against openapi.yaml.
 */
@ExtendWith(ResponsesMatchOpenApi.class)
class PricingEndToEndTest {
    static final String ADMIN_TOKEN = "e2e-pricing-operator-token-0123456789";

    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8)));
        runtime = LocalRuntime.start(Options.forTemplate(ProjectRoot.find().resolve("template.yaml"))
                .parameter("AdminTokenSha256", hash)
                .parameter("LocalMode", "true")
                .httpPort(0)
                .stateDirectory(work.resolve("state"))
                .logDirectory(work.resolve("logs")));
        api = new Api(runtime.httpEndpoint());
        // every dealer first: the pricing function loads the delivery points on its first quote and
        // keeps them 5 minutes, so a dealer enrolled after that would be missing from its quotes
        priceSeller = enrol("dlr-e2e-price", "Detroit", "48226", 42.33181, -83.05035);
        enrol("dlr-e2e-chicago", "Chicago", "60601", 41.88515, -87.62151);
        orderSeller = enrol("dlr-e2e-order", "Detroit", "48226", 42.33181, -83.05035);
        orderDelivery = enrol("dlr-e2e-ordermke", "Milwaukee", "53202", 43.04967, -87.89238);
    }

    static String priceSeller;
    static String orderSeller;
    static String orderDelivery;

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static String enrol(String id, String city, String zip, double lat, double lon) {
        Map<String, Object> d = ListingEndToEndTest.dealer(id, zip, lat, lon);
        d.put("city", city);
        Api.Reply r = api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, d);
        assertEquals(201, r.status(), r.body());
        return r.json().path("credential").asText();
    }

    @Test
    void aDealerChangesAPriceAndTheQuoteSearchHistoryAndRatingFollow() {
        String cred = priceSeller;
        String[] vins = new String[4];
        for (int i = 0; i < vins.length; i++) {
            vins[i] = dev.autocentric.shared.vin.Vin.withCheckDigit(String.format("1G1ZD5ST0LF%06d", 810_000 + i));
            Api.Reply put = api.send("PUT", "/v1/dealers/dlr-e2e-price/inventory/" + vins[i], cred,
                    ListingEndToEndTest.vehicle(vins[i], 2_749_900));
            assertEquals(201, put.status(), put.body());
        }
        String vin = vins[0];

        Api.Reply first = api.send("GET", "/v1/listings/" + vin + "/quote?zip=60601", null, null);
        assertEquals(200, first.status(), first.body());
        JsonNode q1 = first.json();
        assertEquals("dlr-e2e-chicago", q1.path("deliveryDealer").path("dealerId").asText(), q1.toString());
        assertEquals(2_749_900, q1.path("lines").get(0).path("amountCents").asLong());
        assertTrue(q1.path("quoteId").asText().startsWith("q1."));

        String cheapNearDetroit = "/v1/search?make=Chevrolet&model=Malibu&zip=48226&radiusMiles=25&sort=price&priceMax=2500000";
        assertEquals(0, api.send("GET", cheapNearDetroit, null, null).json().path("items").size(), "nothing under 25,000.00 yet");

        Api.Reply repriced = api.send("PUT", "/v1/dealers/dlr-e2e-price/inventory/" + vin + "/price", cred,
                Map.of("ePriceCents", 2_299_900), "if-match", "\"1\"");
        assertEquals(200, repriced.status(), repriced.body());
        assertEquals("\"2\"", repriced.headers().first("etag"));

        JsonNode q2 = api.send("GET", "/v1/listings/" + vin + "/quote?zip=60601", null, null).json();
        assertEquals(2_299_900, q2.path("lines").get(0).path("amountCents").asLong(), q2.toString());
        assertEquals(q1.path("totalCents").asLong() - 450_000, q2.path("totalCents").asLong());

        // search reflects the new price at once: found under 25,000.00, at its new price, nearest dealer first
        JsonNode found = api.send("GET", cheapNearDetroit, null, null).json();
        assertEquals(1, found.path("items").size(), found.toString());
        assertEquals(vin, found.path("items").get(0).path("vin").asText());
        assertEquals(2_299_900, found.path("items").get(0).path("ePriceCents").asLong());
        assertEquals("dlr-e2e-price", found.path("items").get(0).path("dealerId").asText());
        assertEquals(0.0, found.path("items").get(0).path("distanceMiles").asDouble());

        JsonNode history = api.send("GET", "/v1/listings/" + vin + "/price-history", null, null).json();
        JsonNode newest = history.path("items").get(0);
        assertEquals(2, newest.path("version").asLong(), history.toString());
        assertEquals(2_299_900, newest.path("ePriceCents").asLong());
        assertEquals(2_749_900, newest.path("previousCents").asLong());
        // the first price arrives through the Listings stream consumer
        Eventually.await("the first price in the history", Duration.ofSeconds(30), () ->
                api.send("GET", "/v1/listings/" + vin + "/price-history", null, null).json().path("items").size() == 2);

        // four comparable vehicles, one 16% under the others' price (87% of the average): a GREAT deal, from the stream-kept statistics
        JsonNode detail = Eventually.await("the deal rating in listing detail", Duration.ofSeconds(30), () -> {
            JsonNode d = api.send("GET", "/v1/listings/" + vin, null, null).json();
            return "GREAT".equals(d.path("dealRating").path("rating").asText()) ? d : null;
        });
        assertEquals(4, detail.path("dealRating").path("comparables").asLong(), detail.toString());
        assertEquals((3 * 2_749_900L + 2_299_900 + 2) / 4, detail.path("dealRating").path("marketAverageCents").asLong());
        assertEquals("FAIR", api.send("GET", "/v1/listings/" + vins[1], null, null).json()
                .path("dealRating").path("rating").asText(), "104% of the average is fair");
        // search results carry the same ratings
        JsonNode all = api.send("GET", "/v1/search?model=Malibu&zip=48226&radiusMiles=25&sort=price", null, null).json();
        assertEquals(4, all.path("items").size(), all.toString());
        assertEquals("GREAT", all.path("items").get(0).path("dealRating").path("rating").asText(), all.toString());
        assertEquals("FAIR", all.path("items").get(1).path("dealRating").path("rating").asText());

        assertEquals(400, api.send("GET", "/v1/listings/" + vin + "/quote?zip=00000", null, null).status(),
                "an unknown ZIP");
        Api.Reply foreign = api.send("PUT", "/v1/dealers/dlr-e2e-chicago/inventory/" + vin + "/price", cred,
                Map.of("ePriceCents", 1));
        assertEquals(403, foreign.status(), foreign.body());
    }

    @Test
    void aBuyerOrdersAtTheQuotedPriceAndTheDealersDeliverIt() throws Exception {
        String seller = orderSeller;
        String delivery = orderDelivery;
        String vin = dev.autocentric.shared.vin.Vin.withCheckDigit("1G1ZD5ST0LF820001");
        assertEquals(201, api.send("PUT", "/v1/dealers/dlr-e2e-order/inventory/" + vin, seller,
                ListingEndToEndTest.vehicle(vin, 2_549_900)).status());
        String inSearch = "/v1/search?model=Malibu&zip=48226&radiusMiles=10&sort=price&priceMax=2549900";
        assertTrue(api.send("GET", inSearch, null, null).body().contains(vin));

        JsonNode quote = api.send("GET", "/v1/listings/" + vin + "/quote?zip=53202", null, null).json();
        String deliveryDealer = quote.path("deliveryDealer").path("dealerId").asText();
        assertEquals("dlr-e2e-ordermke", deliveryDealer, quote.toString());
        Map<String, Object> body = Map.of("vin", vin, "quoteId", quote.path("quoteId").asText(),
                "buyer", Map.of("name", "Ann Buyer", "email", "ann@example.com", "phone", "3135550123", "zip", "53202"));

        // ten buyers at once through the HTTP API and the runtime's function instances: one order
        int buyers = 10;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(buyers);
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(buyers);
        java.util.List<java.util.concurrent.Future<Api.Reply>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            String key = java.util.UUID.randomUUID().toString();
            replies.add(pool.submit(() -> {
                barrier.await();
                return api.send("POST", "/v1/orders", null, body, "idempotency-key", key);
            }));
        }
        java.util.List<Api.Reply> placed = new java.util.ArrayList<>();
        for (var f : replies) {
            placed.add(f.get());
        }
        pool.shutdown();
        java.util.List<Api.Reply> won = placed.stream().filter(r -> r.status() == 201).toList();
        assertEquals(1, won.size(), placed.stream().map(r -> r.status() + " " + r.body()).toList().toString());
        assertEquals(buyers - 1, placed.stream().filter(r -> r.status() == 409).count());
        JsonNode order = won.get(0).json();
        String orderId = order.path("orderId").asText();
        String token = order.path("accessToken").asText();
        assertEquals(quote.path("totalCents").asLong(), order.path("totalCents").asLong(), "the quoted price");
        assertEquals(deliveryDealer, order.path("deliveryDealer").path("dealerId").asText());
        assertTrue(!api.send("GET", inSearch, null, null).body().contains(vin), "reserved: out of search at once");

        assertEquals("PLACED", api.send("GET", "/v1/orders/" + orderId, token, null).json().path("status").asText());
        JsonNode sellerView = api.send("GET", "/v1/dealers/dlr-e2e-order/orders?status=PLACED", seller, null).json();
        assertEquals(orderId, sellerView.path("items").get(0).path("orderId").asText(), sellerView.toString());
        for (String[] step : new String[][] {{"dlr-e2e-order", "confirm"}, {"dlr-e2e-order", "ship"},
                {"dlr-e2e-ordermke", "ready"}, {"dlr-e2e-ordermke", "deliver"}}) {
            String cred = step[0].equals("dlr-e2e-order") ? seller : delivery;
            Api.Reply moved = api.send("POST", "/v1/dealers/" + step[0] + "/orders/" + orderId + "/" + step[1], cred, null);
            assertEquals(200, moved.status(), step[1] + ": " + moved.body());
        }
        assertEquals(409, api.send("POST", "/v1/orders/" + orderId + "/cancel", token, null).status(),
                "a delivered order cannot be cancelled");
        assertEquals("DELIVERED", api.send("GET", "/v1/orders/" + orderId, token, null).json().path("status").asText());
        JsonNode stock = api.send("GET", "/v1/dealers/dlr-e2e-order/inventory", seller, null).json();
        assertEquals("SOLD", stock.path("items").get(0).path("status").asText(), stock.toString());
    }
}
