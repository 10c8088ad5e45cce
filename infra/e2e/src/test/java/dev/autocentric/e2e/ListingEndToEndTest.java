package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.LocalRuntime;
import dev.autocentric.local.Options;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.ProjectRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The listing function deployed from template.yaml into the local runtime (its shaded JAR in its
 * own JVM, behind the local HTTP API) and driven over HTTP as dealer systems and buyers would; every
 * answer is checked against openapi.yaml.
 */
@ExtendWith(ResponsesMatchOpenApi.class)
class ListingEndToEndTest {
    static final String ADMIN_TOKEN = "e2e-operator-token-0123456789abcdef";

    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static Deployment aws;
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
        aws = runtime.deployment();
        api = new Api(runtime.httpEndpoint());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static Map<String, Object> dealer(String id, String zip, double lat, double lon) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dealerId", id);
        d.put("name", "Dealer " + id);
        d.put("brands", List.of("Chevrolet"));
        d.put("network", "GM");
        d.put("deliveryPoint", true);
        d.put("address", "1 Main St");
        d.put("city", "Detroit");
        d.put("state", "MI");
        d.put("zip", zip);
        d.put("lat", lat);
        d.put("lon", lon);
        return d;
    }

    static Map<String, Object> vehicle(String vin, long ePriceCents) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("vin", vin);
        v.put("stockNumber", "S-" + vin.substring(11));
        v.put("condition", "NEW");
        v.put("year", 2025);
        v.put("make", "Chevrolet");
        v.put("model", "Malibu");
        v.put("trim", "LT");
        v.put("bodyStyle", "SEDAN");
        v.put("fuel", "GASOLINE");
        v.put("drivetrain", "FWD");
        v.put("transmission", "AUTOMATIC");
        v.put("exteriorColor", "Summit White");
        v.put("interiorColor", "Jet Black");
        v.put("mileage", 12);
        v.put("msrpCents", 2_899_500L);
        v.put("ePriceCents", ePriceCents);
        v.put("listed", true);
        v.put("photos", List.of("https://dealer.example/p/1.jpg"));
        v.put("options", List.of("Sunroof"));
        return v;
    }

    static String enrol(String id) {
        Api.Reply r = api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, dealer(id, "48226", 42.33181, -83.05035));
        assertEquals(201, r.status(), r.body());
        String credential = r.json().path("credential").asText();
        assertFalse(credential.isEmpty(), "the credential is shown once, at enrolment");
        return credential;
    }

    @Test
    void aDealerEnrolsPushesStockAndBuyersSeeIt() {
        String cred = enrol("dlr-e2e-one");
        String vin = "1G1ZD5ST1LF012345";

        Api.Reply put = api.send("PUT", "/v1/dealers/dlr-e2e-one/inventory/" + vin, cred, vehicle(vin, 2_749_900));
        assertEquals(201, put.status(), put.body());
        assertEquals("\"1\"", put.headers().first("etag"));

        Api.Reply listing = api.send("GET", "/v1/listings/" + vin, null, null);
        assertEquals(200, listing.status(), listing.body());
        JsonNode body = listing.json();
        assertEquals(2_749_900, body.path("ePriceCents").asLong());
        assertEquals("AVAILABLE", body.path("status").asText());
        assertEquals("Dealer dlr-e2e-one", body.path("dealerName").asText(), body.toString());
        assertEquals("Detroit", body.path("dealerCity").asText(), body.toString());

        // what the function wrote is what the table holds
        Map<String, AttributeValue> stored = aws.dynamo().getItem(g -> g.tableName(aws.physicalName("ListingsTable"))
                .key(Map.of("vin", AttributeValue.fromS(vin))).consistentRead(true)).item();
        assertEquals("dlr-e2e-one", stored.get("dealerId").s());
        assertEquals("2749900", stored.get("ePriceCents").n());

        // stale If-Match loses; the current one wins
        Api.Reply stale = api.send("PUT", "/v1/dealers/dlr-e2e-one/inventory/" + vin, cred, vehicle(vin, 2_699_900),
                "if-match", "\"7\"");
        assertEquals(412, stale.status(), stale.body());
        Api.Reply fresh = api.send("PUT", "/v1/dealers/dlr-e2e-one/inventory/" + vin, cred, vehicle(vin, 2_699_900),
                "if-match", "\"1\"");
        assertEquals(200, fresh.status(), fresh.body());
        assertEquals("\"2\"", fresh.headers().first("etag"));

        Api.Reply withdraw = api.send("DELETE", "/v1/dealers/dlr-e2e-one/inventory/" + vin, cred, null);
        assertEquals(204, withdraw.status(), withdraw.body());
        assertEquals(404, api.send("GET", "/v1/listings/" + vin, null, null).status(), "withdrawn: gone for buyers");

        Api.Reply own = api.send("GET", "/v1/dealers/dlr-e2e-one/inventory", cred, null);
        assertEquals(200, own.status(), own.body());
        assertEquals("WITHDRAWN", own.json().path("items").get(0).path("status").asText(), "the dealer still sees it");
    }

    @Test
    void credentialsAreCheckedOnEveryDealerRoute() {
        String mine = enrol("dlr-e2e-auth-a");
        String theirs = enrol("dlr-e2e-auth-b");
        String vin = "1G1ZD5ST1LF012345".substring(0, 11) + "900001";
        String path = "/v1/dealers/dlr-e2e-auth-a/inventory";

        Api.Reply none = api.send("GET", path, null, null);
        assertEquals(401, none.status());
        assertTrue(none.headers().first("content-type").startsWith("application/problem+json"), none.headers().raw().toString());
        assertEquals(401, api.send("GET", path, mine + "x", null).status());
        assertEquals(403, api.send("GET", path, theirs, null).status());
        assertEquals(200, api.send("GET", path, mine, null).status());
        assertEquals(401, api.send("POST", "/v1/admin/dealers", "not-the-operator", dealer("dlr-x", "48226", 42.3, -83.0)).status());
        assertNotNull(vin);
    }

    @Test
    void aBatchStoresTheGoodItemsAndReportsTheBadOnesByIndex() {
        String cred = enrol("dlr-e2e-batch");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String vin = dev.autocentric.shared.vin.Vin.withCheckDigit(String.format("1G1ZD5ST0LF%06d", 700_000 + i));
            items.add(vehicle(vin, 2_700_000 + i * 100L));
        }
        items.get(5).put("ePriceCents", -1);
        items.get(17).put("vin", "1G1ZD5ST0LF7000I7");
        Api.Reply r = api.send("POST", "/v1/dealers/dlr-e2e-batch/inventory/batch", cred, Map.of("items", items));
        assertEquals(200, r.status(), r.body());
        JsonNode results = r.json().path("results");
        assertEquals(40, results.size());
        int stored = 0;
        for (JsonNode result : results) {
            int index = result.path("index").asInt();
            if (index == 5 || index == 17) {
                assertEquals("rejected", result.path("status").asText(), result.toString());
                assertFalse(result.path("errors").isEmpty());
            } else {
                assertEquals("stored", result.path("status").asText(), result.toString());
                stored++;
            }
        }
        assertEquals("ePriceCents", results.get(5).path("errors").get(0).path("field").asText());
        assertEquals(38, stored);
        int count = aws.dynamo().query(q -> q.tableName(aws.physicalName("ListingsTable")).indexName("byDealer")
                .keyConditionExpression("dealerId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("dlr-e2e-batch")))).count();
        assertEquals(38, count, "the good items are in the table, the bad ones are not");
    }
}
