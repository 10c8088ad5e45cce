package dev.autocentric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.routing.GreatCircle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /v1/dealers/nearest through the real function against the emulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearestDealersTest {

    RoutingApi api;

    @BeforeAll
    void start() {
        api = new RoutingApi("Nearest");
        // delivery points at ZIP centroids, and non-delivery dealers nearer still that must never be answered
        for (String[] d : new String[][] {
                {"dlr-detroit", "48226"}, {"dlr-dearborn", "48126"}, {"dlr-troy", "48083"}, {"dlr-ann-arbor", "48104"},
                {"dlr-lansing", "48933"}, {"dlr-toledo", "43604"}, {"dlr-chicago", "60601"}, {"dlr-new-york", "10001"},
                {"dlr-los-angeles", "90012"}}) {
            ZipCentroid z = ZipCentroids.get().find(d[1]).orElseThrow();
            api.enrol(d[0], true, z.city(), z.state(), z.zip(), z.lat(), z.lon());
        }
        ZipCentroid downtown = ZipCentroids.get().find("48226").orElseThrow();
        api.enrol("ford-downtown", false, downtown.city(), downtown.state(), downtown.zip(), downtown.lat(), downtown.lon());
        // a dealer whose id is the literal segment: its profile is unreachable, the nearest route wins
        api.enrol("nearest", true, "Honolulu", "HI", "96813", 21.3099, -157.8581);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void answersTheNearestDeliveryDealersNearestFirstWithTheirDistance() {
        var r = api.get("/v1/dealers/nearest?zip=48226&limit=3");
        assertEquals(200, r.status(), r.body());
        assertEquals("application/json", r.header("Content-Type").split(";")[0]);
        JsonNode items = r.json().get("items");
        assertEquals(3, items.size());
        assertEquals(List.of("dlr-detroit", "dlr-dearborn", "dlr-troy"), ids(items));
        JsonNode first = items.get(0);
        assertEquals("48226", first.get("zip").asText());
        assertEquals("MI", first.get("state").asText());
        assertEquals(0.0, first.get("distanceMiles").asDouble());
        for (String field : List.of("dealerId", "name", "city", "state", "zip", "lat", "lon", "distanceMiles")) {
            assertTrue(first.has(field), field + " in " + first);
        }
        ZipCentroid from = ZipCentroids.get().find("48226").orElseThrow();
        JsonNode second = items.get(1);
        assertEquals(GreatCircle.miles(from.lat(), from.lon(), second.get("lat").asDouble(), second.get("lon").asDouble()),
                second.get("distanceMiles").asDouble(), 0.01);
        assertFalse(r.body().contains("ford-downtown"), "only delivery points are answered");
        assertFalse(r.body().contains("credential"));
    }

    @Test
    void limitDefaultsToFiveAndIsCappedByTheNetworkSize() {
        assertEquals(5, api.get("/v1/dealers/nearest?zip=60601").json().get("items").size());
        assertEquals(1, api.get("/v1/dealers/nearest?zip=60601&limit=1").json().get("items").size());
        JsonNode all = api.get("/v1/dealers/nearest?zip=90012&limit=20").json().get("items");
        assertEquals(10, all.size(), "every delivery point, none of the others");
        assertEquals("dlr-los-angeles", all.get(0).get("dealerId").asText());
        double previous = -1;
        for (JsonNode item : all) {
            assertTrue(item.get("distanceMiles").asDouble() >= previous, "nearest first");
            previous = item.get("distanceMiles").asDouble();
        }
    }

    @Test
    void theLiteralNearestRouteWinsOverADealerIdAsAtApiGateway() {
        var r = api.get("/v1/dealers/nearest?zip=96813&limit=1");
        assertEquals(200, r.status(), r.body());
        assertEquals("nearest", r.json().get("items").get(0).get("dealerId").asText(), "a nearest list, not a profile");
        assertEquals("zip", api.get("/v1/dealers/nearest").problem(400).get("errors").get(0).get("field").asText(),
                "without zip: the nearest route's 400, not the profile of dealer 'nearest'");
        assertEquals(200, api.get("/v1/dealers/dlr-detroit").status(), "other ids still reach the profile");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1} ({2})")
    @CsvSource({
            "zip=,              zip,   required",
            "limit=3,           zip,   required",
            "zip=4822,          zip,   format",
            "zip=482266,        zip,   format",
            "zip=4822a,         zip,   format",
            "zip=%2048226,      zip,   format",
            "zip=00000,         zip,   unknown",
            "zip=99999,         zip,   unknown",
            "zip=48226&limit=0,   limit, range",
            "zip=48226&limit=21,  limit, range",
            "zip=48226&limit=-1,  limit, range",
            "zip=48226&limit=abc, limit, type",
            "zip=48226&limit=2.5, limit, type",
            "zip=48226&limit=,    limit, type",
            "zip=48226&limit=99999999999, limit, type",
    })
    void badInputIsA400ProblemNamingTheField(String query, String field, String code) {
        JsonNode problem = api.get("/v1/dealers/nearest?" + query).problem(400);
        JsonNode error = problem.get("errors").get(0);
        assertEquals(field, error.get("field").asText(), problem.toString());
        assertEquals(code, error.get("code").asText(), problem.toString());
        assertEquals("https://autocentric.dev/problems/validation", problem.get("type").asText());
    }

    @Test
    void otherMethodsAndRoutesAreProblems() {
        api.send("POST", "/v1/dealers/nearest?zip=48226").problem(405);
        api.get("/v1/nowhere").problem(404);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("dealerId").asText()));
        return ids;
    }
}
