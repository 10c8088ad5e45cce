package dev.autocentric.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.pricing.MarketSegment;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.http.testing.GatewayCalls.Response;
import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Transmission;
import dev.autocentric.shared.listing.Vehicle;
import dev.autocentric.shared.vin.Vin;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GET /v1/search through the function as Lambda runs it (payload 2.0 events into
 * {@link APIGatewayV2HTTPEventFunction}) against the emulator: results, facets, bad input, and
 * listing changes showing at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {

    final LocalAws aws = LocalAws.shared();
    ListingRepository listings;
    MarketStatsRepository marketStats;
    ApplicationContext context;
    GatewayCalls calls;
    int serial;

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>();
        Map<String, String> tables = aws.createTables("tSearch" + UUID.randomUUID().toString().substring(0, 8));
        String table = tables.get("ListingsTable");
        listings = new ListingRepository(aws.dynamo(), table);
        marketStats = new MarketStatsRepository(aws.dynamo(), tables.get("MarketStatsTable"));
        properties.put("market.stats.table", tables.get("MarketStatsTable"));
        properties.put("listings.table", table);
        properties.put("admin.token.sha256", "0".repeat(64));
        properties.put("aws.endpoint.url", aws.endpoint().toString());
        properties.put("aws.region", aws.region());
        properties.put("autocentric.aws.access-key-id", "test");
        properties.put("autocentric.aws.secret-access-key", "test");
        context = ApplicationContext.builder().properties(properties).start();
        calls = new GatewayCalls(new APIGatewayV2HTTPEventFunction(context));
    }

    @AfterAll
    void stop() {
        context.close();
    }

    /** Stores a listed, AVAILABLE vehicle at a dealer in {@code zip}, as the inventory route would. */
    Listing put(String dealerId, String zip, String make, String model, BodyStyle body, long priceCents, int year) {
        ZipCentroid z = ZipCentroids.get().find(zip).orElseThrow();
        String vin = Vin.withCheckDigit(String.format("1G1ZD5ST0LF%06d", 100_000 + serial++));
        Vehicle v = new Vehicle(vin, "S" + serial, Condition.NEW, year, make, model, "LT", body, Fuel.GASOLINE,
                Drivetrain.FWD, Transmission.AUTOMATIC, "Summit White", "Jet Black", 12, priceCents + 100_000, priceCents,
                true, List.of(), List.of());
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        Listing l = new Listing(v, dealerId, ListingStatus.AVAILABLE, 1, now, now, dealerId + " Motors", z.city(),
                z.zip(), z.lat(), z.lon());
        listings.create(l);
        return l;
    }

    @Test
    void nearestDealersWithAModelInStockComeNearestFirstWithDistanceAndDealer() {
        Listing near = put("dlr-near", "48226", "Chevrolet", "Equinox Oracle", BodyStyle.SUV, 3_000_000, 2025);
        Listing mid = put("dlr-mid", "48104", "Chevrolet", "Equinox Oracle", BodyStyle.SUV, 2_900_000, 2025);
        Listing far = put("dlr-far", "60601", "Chevrolet", "Equinox Oracle", BodyStyle.SUV, 2_800_000, 2025);
        put("dlr-near", "48226", "Chevrolet", "Malibu Oracle", BodyStyle.SEDAN, 2_500_000, 2025);
        // the market statistics the pricing stream consumer keeps: these three are one segment, average 29,000.00
        for (Listing l : List.of(near, mid, far)) {
            marketStats.move(l.vin(), null, new MarketStatsRepository.Contribution(l.vin(), 1,
                    MarketSegment.of(l.vehicle()), l.vehicle().ePriceCents()));
        }
        Response r = get("/v1/search?model=equinox%20oracle&zip=48226&sort=distance");
        assertEquals(200, r.status(), r.body());
        JsonNode items = r.json().get("items");
        assertEquals(List.of(near.vin(), mid.vin(), far.vin()), vins(items));
        JsonNode first = items.get(0);
        assertEquals(0.0, first.get("distanceMiles").asDouble());
        assertEquals("dlr-near", first.get("dealerId").asText());
        assertEquals("dlr-near Motors", first.get("dealerName").asText());
        assertEquals("Detroit", first.get("dealerCity").asText());
        assertEquals(3_000_000, first.get("ePriceCents").asLong());
        assertTrue(items.get(2).get("distanceMiles").asDouble() > 200, "Chicago is over 200 miles from Detroit");
        // deal ratings against the segment average: 103 % and 100 % are FAIR, 97 % is GOOD
        assertEquals(List.of("FAIR", "FAIR", "GOOD"), List.of(items.get(0).get("dealRating").get("rating").asText(),
                items.get(1).get("dealRating").get("rating").asText(), items.get(2).get("dealRating").get("rating").asText()));
        assertEquals(3, items.get(0).get("dealRating").get("comparables").asInt());
        assertFalse(r.json().has("nextCursor"));
        assertTrue(r.header("X-Search-Cost").startsWith("plan=nearest"), r.header("X-Search-Cost"));

        // within 100 miles, cheapest first: Chicago is out
        JsonNode cheap = get("/v1/search?model=Equinox%20Oracle&zip=48226&radiusMiles=100&sort=price").json().get("items");
        assertEquals(List.of(mid.vin(), near.vin()), vins(cheap));
    }

    @Test
    void pagesFollowTheCursorAndFacetsCountTheSameFilters() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(put("dlr-page", "30303", "Buick", "Envista Paging", i % 2 == 0 ? BodyStyle.SUV : BodyStyle.SEDAN,
                    2_000_000 + i * 10_000, 2024).vin());
        }
        List<String> seen = new ArrayList<>();
        String path = "/v1/search?model=Envista%20Paging&sort=price&limit=3&facets=bodyStyle,make";
        Response r = get(path);
        JsonNode facets = r.json().get("facets");
        assertEquals(4, facets.get("bodyStyle").get("SUV").asInt());
        assertEquals(3, facets.get("bodyStyle").get("SEDAN").asInt());
        assertEquals(7, facets.get("make").get("Buick").asInt());
        while (true) {
            assertEquals(200, r.status(), r.body());
            seen.addAll(vins(r.json().get("items")));
            if (!r.json().has("nextCursor")) {
                break;
            }
            r = get(path + "&cursor=" + r.json().get("nextCursor").asText());
            assertFalse(r.json().has("facets"), "facets come with the first page only");
        }
        assertEquals(expected, seen);
        // the radius-bound facet count leaves Atlanta's neighbours out of a Detroit search
        JsonNode none = get("/v1/search?model=Envista%20Paging&zip=48226&radiusMiles=50&facets=bodyStyle").json();
        assertEquals(0, none.get("items").size());
        assertEquals(0, none.get("facets").get("bodyStyle").size());
    }

    @Test
    void aVehicleWithdrawnReservedSoldOrUnlistedLeavesAtOnceAndAPriceChangeMovesIt() {
        List<Listing> stock = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stock.add(put("dlr-moves", "98101", "GMC", "Terrain Moves", BodyStyle.SUV, 3_000_000 + i * 100_000, 2025));
        }
        String path = "/v1/search?model=Terrain%20Moves&zip=98101&radiusMiles=25&sort=price";
        assertEquals(vins(stock), vins(get(path).json().get("items")));
        // each change goes through the repository the inventory, pricing and order routes write with
        change(stock.get(0), stock.get(0).status(), false, 0);             // unlisted
        change(stock.get(1), ListingStatus.WITHDRAWN, true, 0);
        change(stock.get(2), ListingStatus.RESERVED, true, 0);
        change(stock.get(3), ListingStatus.SOLD, true, 0);
        Listing cheaper = change(stock.get(5), ListingStatus.AVAILABLE, true, 2_000_000); // now the cheapest
        assertEquals(List.of(cheaper.vin(), stock.get(4).vin()), vins(get(path).json().get("items")));
        assertEquals(List.of(stock.get(4).vin(), cheaper.vin()),
                vins(get(path.replace("sort=price", "sort=-price")).json().get("items")));
        everyIndexAgrees(stock, List.of(cheaper.vin(), stock.get(4).vin()));
        // and back: released from its reservation, it is found again
        change(listings.get(stock.get(2).vin()).orElseThrow(), ListingStatus.AVAILABLE, true, 0);
        assertEquals(List.of(cheaper.vin(), stock.get(2).vin(), stock.get(4).vin()), vins(get(path).json().get("items")));
        everyIndexAgrees(stock, List.of(cheaper.vin(), stock.get(2).vin(), stock.get(4).vin()));
    }

    /**
     * Every plan and index the engine may use (see X-Search-Cost) finds exactly the searchable
     * ones of {@code stock} (all at one Seattle dealer), in the order each sort gives.
     */
    void everyIndexAgrees(List<Listing> stock, List<String> byPrice) {
        List<String> byVin = byPrice.stream().sorted().toList();
        List<String> byPriceDesc = byPrice.reversed();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        String window = "&priceMin=1900000&priceMax=3600000&limit=50";
        expected.put("model=Terrain%20Moves&zip=98101&radiusMiles=25&sort=price", byPrice);          // searchByModel, merged
        expected.put("model=Terrain%20Moves&zip=98101&radiusMiles=400&sort=-price", byPriceDesc);    // searchByModelRegion
        expected.put("model=Terrain%20Moves&sort=price", byPrice);                                   // searchByModelPrice
        expected.put("model=Terrain%20Moves&zip=98101&radiusMiles=25&sort=distance", byVin);         // searchByModel, walked
        expected.put("zip=98101&radiusMiles=15&sort=price" + window, byPrice);                       // searchByCellPrice
        expected.put("zip=98101&radiusMiles=15&sort=distance" + window, byVin);                      // searchByCell
        expected.put("bodyStyle=SUV&condition=NEW&zip=98101&radiusMiles=15&sort=distance" + window, byVin); // searchByStyle
        expected.put("bodyStyle=SUV&zip=98101&radiusMiles=15&sort=distance" + window, byVin);        // searchByStyle, every condition
        expected.put("sort=price" + window, byPrice);                                                // searchByPrice
        Set<String> ours = new HashSet<>(vins(stock));
        expected.forEach((query, want) -> {
            Response r = get("/v1/search?" + query);
            assertEquals(200, r.status(), query + ": " + r.body());
            List<String> found = vins(r.json().get("items")).stream().filter(ours::contains).toList();
            assertEquals(want, found, query + " (" + r.headers().get("x-search-cost") + ")");
        });
    }

    Listing change(Listing current, ListingStatus status, boolean listed, long newPrice) {
        Vehicle v = current.vehicle();
        Vehicle next = new Vehicle(v.vin(), v.stockNumber(), v.condition(), v.year(), v.make(), v.model(), v.trim(),
                v.bodyStyle(), v.fuel(), v.drivetrain(), v.transmission(), v.exteriorColor(), v.interiorColor(),
                v.mileage(), v.msrpCents(), newPrice > 0 ? newPrice : v.ePriceCents(), listed, v.photos(), v.options());
        Listing updated = current.withChange(next, status, current.updatedAt().plusSeconds(60), current.dealerName(),
                current.dealerCity(), current.dealerZip(), current.dealerLat(), current.dealerLon());
        listings.replace(updated, current);
        return updated;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=0|limit",
        "limit=51|limit",
        "limit=ten|limit",
        "priceMin=500000&priceMax=100000|priceMin",
        "yearMin=2025&yearMax=2020|yearMin",
        "radiusMiles=50|radiusMiles",
        "zip=48226&radiusMiles=0|radiusMiles",
        "zip=48226&radiusMiles=501|radiusMiles",
        "sort=distance|sort",
        "sort=cheapest|sort",
        "facets=make,colour|facets",
        "zip=4822|zip",
        "zip=00000|zip",
        "condition=BRAND_NEW|condition",
        "drivetrain=6WD|drivetrain",
        "modle=Malibu|modle",
        "cursor=abc.def|cursor",
    })
    void badInputIsA400NamingTheParameter(String query, String field) {
        Response r = get("/v1/search?" + query);
        assertEquals(400, r.status(), r.body());
        assertEquals("application/problem+json", r.header("Content-Type").split(";")[0]);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertTrue(fields.contains(field), fields + " in " + r.body());
    }

    @Test
    void aCursorOnlyContinuesTheSearchItCameFrom() {
        for (int i = 0; i < 3; i++) {
            put("dlr-cursor", "80202", "Chevrolet", "Trax Cursor", BodyStyle.SUV, 2_200_000 + i, 2025);
        }
        String cursor = get("/v1/search?model=Trax%20Cursor&limit=1").json().get("nextCursor").asText();
        assertNotNull(cursor);
        assertEquals(200, get("/v1/search?model=Trax%20Cursor&limit=1&cursor=" + cursor).status());
        // another search's cursor, and one altered by a single character
        assertEquals(400, get("/v1/search?model=Trax%20Cursor&sort=-price&limit=1&cursor=" + cursor).status());
        assertEquals(400, get("/v1/search?model=Malibu&limit=1&cursor=" + cursor).status());
        char c = cursor.charAt(3);
        String altered = cursor.substring(0, 3) + (c == 'A' ? 'B' : 'A') + cursor.substring(4);
        Response r = get("/v1/search?model=Trax%20Cursor&limit=1&cursor=" + altered);
        assertEquals(400, r.status());
        assertEquals("cursor", r.json().get("errors").get(0).get("field").asText());
    }

    static List<String> vins(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("vin").asText()));
        return out;
    }

    static List<String> vins(List<Listing> listings) {
        return listings.stream().map(Listing::vin).toList();
    }

    Response get(String pathAndQuery) {
        return calls.send("GET", pathAndQuery, Map.of(), null);
    }
}
