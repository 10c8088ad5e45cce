package dev.autocentric.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.seed.ListingCorpus;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.problem.ProblemException;
import dev.autocentric.shared.routing.GreatCircle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The correctness oracle: a generated corpus of 100,000 listings (every status, listed or not)
 * in the emulator, and 200 random searches (random filter combinations, radii from 10 to 500
 * miles, every sort, page sizes from 5 to 50). Walking every page of each search must give exactly
 * what a brute-force filter and sort over the whole corpus gives: same vehicles, same order, no
 * duplicates, no gaps. The brute force below is written independently of the engine.
 *
 * <p>Here the engine reads the indexes from {@link MemoryIndexReader} (the schema's own index
 * keys, DynamoDB Query's semantics), so 200 full walks over 100,000 listings take seconds;
 * {@link SearchOracleOnEmulatorTest} runs the same oracle through the real SDK against the
 * emulator on a smaller corpus. Searches whose brute-force answer has more than
 * {@value #MAX_WALK} vehicles are drawn again, so no walk runs to hundreds of pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchOracleTest {

    static final int MAX_WALK = 3_000;
    static final String[] SORTS = {"price", "-price", "distance", "year", "-year", "mileage"};

    List<Listing> corpus;
    List<Listing> searchable;
    SearchService service;

    int corpusSize() {
        return Integer.getInteger("search.oracle.corpus", 100_000);
    }

    int queries() {
        return Integer.getInteger("search.oracle.queries", 200);
    }

    /** The index reader the engine runs on: the listings in memory here, the emulator in the subclass. */
    IndexReader reader(List<Listing> listings) {
        return new MemoryIndexReader(listings);
    }

    @BeforeAll
    void load() {
        corpus = ListingCorpus.generate(42, corpusSize());
        long started = System.nanoTime();
        IndexReader reader = reader(corpus);
        System.out.printf(Locale.ROOT, "oracle: %d listings indexed by %s in %.1f s%n", corpus.size(),
                reader.getClass().getSimpleName(), (System.nanoTime() - started) / 1e9);
        searchable = corpus.stream().filter(l -> l.vehicle().listed() && l.status() == ListingStatus.AVAILABLE).toList();
        service = new SearchService(new SearchEngine(reader), PageCursor.fromSecret("oracle"), null);
    }

    @Test
    void everyPageOfEveryRandomSearchIsTheBruteForceAnswer() {
        Random random = new Random(20261126);
        int walked = 0;
        int refused = 0;
        long pages = 0;
        long vehicles = 0;
        Map<String, Integer> perSort = new LinkedHashMap<>();
        Map<String, long[]> cost = new java.util.TreeMap<>();
        long began = System.nanoTime();
        for (int n = 0; n < queries(); n++) {
            String sort = SORTS[n % SORTS.length];
            Map<String, String> query;
            List<String> expected;
            do {
                query = randomQuery(random, sort);
                expected = bruteForce(query);
            } while (expected.size() > MAX_WALK);
            List<String> got = new ArrayList<>();
            String cursor = null;
            try {
                do {
                    Map<String, List<String>> params = new LinkedHashMap<>();
                    query.forEach((k, v) -> params.put(k, List.of(v)));
                    if (cursor != null) {
                        params.put("cursor", List.of(cursor));
                    }
                    SearchService.Answer answer = service.search(params);
                    JsonNode page = answer.body();
                    pages++;
                    cost.computeIfAbsent(sort + "/" + answer.result().plan(), k -> new long[4]);
                    long[] c = cost.get(sort + "/" + answer.result().plan());
                    c[0]++;
                    c[1] += answer.result().requests();
                    c[2] += answer.result().itemsRead();
                    c[3] += answer.result().hits().size();
                    int limit = Integer.parseInt(query.get("limit"));
                    assertTrue(page.get("items").size() <= limit, "page size within limit");
                    for (JsonNode item : page.get("items")) {
                        got.add(item.get("vin").asText());
                        if (query.containsKey("zip")) {
                            assertNotNull(item.get("distanceMiles"), "distance when a zip is given");
                        }
                        assertNotNull(item.get("dealerName"));
                    }
                    cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
                    if (cursor != null) {
                        assertEquals(limit, page.get("items").size(), "only the last page may be short");
                    }
                } while (cursor != null);
            } catch (ProblemException e) {
                assertEquals(400, e.status());
                assertTrue(e.problem().type().endsWith("search-too-broad"), e.problem().toString());
                refused++;
                continue;
            }
            assertEquals(new HashSet<>(got).size(), got.size(), "no duplicates: " + query);
            assertEquals(expected, got, "query " + n + " " + query);
            if (n % 50 == 49) {
                System.out.printf(Locale.ROOT, "oracle: %d searches done, %.0f s%n", n + 1, (System.nanoTime() - began) / 1e9);
            }
            walked++;
            vehicles += got.size();
            perSort.merge(sort, 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "oracle: %d searches walked (%s), %d pages, %d vehicles; %d refused as too broad%n",
                walked, perSort, pages, vehicles, refused);
        cost.forEach((k, c) -> System.out.printf(Locale.ROOT,
                "oracle cost %-18s pages %5d  queries/page %7.1f  items read/page %8.1f  read per returned %6.2f%n",
                k, c[0], (double) c[1] / c[0], (double) c[2] / c[0], (double) c[2] / Math.max(1, c[3])));
        assertTrue(refused <= queries() / 10, refused + " searches refused as too broad");
        for (String sort : SORTS) {
            assertTrue(perSort.getOrDefault(sort, 0) >= queries() / SORTS.length * 8 / 10, "sort " + sort + " covered");
        }
    }

    Map<String, String> randomQuery(Random random, String sort) {
        Map<String, String> q = new LinkedHashMap<>();
        Listing seed = searchable.get(random.nextInt(searchable.size()));
        var v = seed.vehicle();
        // the buyer is somewhere dealers are: at a random dealer's ZIP
        q.put("zip", seed.dealerZip());
        int radius = (int) Math.round(Math.exp(Math.log(10) + random.nextDouble() * (Math.log(500) - Math.log(10))));
        if (random.nextInt(20) == 0) {
            radius = random.nextBoolean() ? 10 : 500;
        }
        q.put("radiusMiles", Integer.toString(radius));
        if (random.nextInt(100) < 45) {
            q.put("model", random.nextInt(10) == 0 ? v.model().toUpperCase(Locale.ROOT) : v.model());
        }
        if (random.nextInt(100) < 35) {
            q.put("make", v.make());
        }
        if (random.nextInt(100) < 5) {
            q.put("trim", v.trim());
        }
        if (random.nextInt(100) < 20) {
            q.put("yearMin", Integer.toString(v.year() - random.nextInt(3)));
            if (random.nextBoolean()) {
                q.put("yearMax", Integer.toString(v.year() + random.nextInt(2)));
            }
        }
        if (random.nextInt(100) < 20) {
            long p = v.ePriceCents();
            q.put("priceMin", Long.toString(p - p * random.nextInt(30) / 100));
            q.put("priceMax", Long.toString(p + p * random.nextInt(30) / 100));
        }
        if (random.nextInt(100) < 15) {
            q.put("mileageMax", Integer.toString(v.mileage() + random.nextInt(20_000)));
        }
        if (random.nextInt(100) < 25) {
            q.put("condition", v.condition().name());
        }
        if (random.nextInt(100) < 20) {
            q.put("bodyStyle", v.bodyStyle().name());
        }
        if (random.nextInt(100) < 15) {
            q.put("fuel", v.fuel().name());
        }
        if (random.nextInt(100) < 10) {
            q.put("drivetrain", v.drivetrain().wire());
        }
        if (random.nextInt(100) < 10) {
            q.put("exteriorColor", v.exteriorColor());
        }
        q.put("sort", sort);
        q.put("limit", Integer.toString(5 + random.nextInt(46)));
        return q;
    }

    /** Filter every searchable listing of the corpus, then sort: the answer, as VINs. */
    List<String> bruteForce(Map<String, String> q) {
        ZipCentroid origin = ZipCentroids.get().find(q.get("zip")).orElseThrow();
        double radius = Double.parseDouble(q.get("radiusMiles"));
        record Row(Listing l, double miles) {
        }
        List<Row> rows = new ArrayList<>();
        for (Listing l : searchable) {
            var v = l.vehicle();
            if (!same(q.get("make"), v.make()) || !same(q.get("model"), v.model()) || !same(q.get("trim"), v.trim())
                    || !same(q.get("exteriorColor"), v.exteriorColor())
                    || !same(q.get("condition"), v.condition().name()) || !same(q.get("bodyStyle"), v.bodyStyle().name())
                    || !same(q.get("fuel"), v.fuel().name()) || !same(q.get("drivetrain"), v.drivetrain().wire())
                    || (q.containsKey("yearMin") && v.year() < Integer.parseInt(q.get("yearMin")))
                    || (q.containsKey("yearMax") && v.year() > Integer.parseInt(q.get("yearMax")))
                    || (q.containsKey("priceMin") && v.ePriceCents() < Long.parseLong(q.get("priceMin")))
                    || (q.containsKey("priceMax") && v.ePriceCents() > Long.parseLong(q.get("priceMax")))
                    || (q.containsKey("mileageMax") && v.mileage() > Integer.parseInt(q.get("mileageMax")))) {
                continue;
            }
            double miles = GreatCircle.miles(origin.lat(), origin.lon(), l.dealerLat(), l.dealerLon());
            if (miles <= radius) {
                rows.add(new Row(l, miles));
            }
        }
        Comparator<Row> byVin = Comparator.comparing(r -> r.l().vin());
        Comparator<Row> order = switch (q.get("sort")) {
            case "price" -> Comparator.<Row>comparingLong(r -> r.l().vehicle().ePriceCents()).thenComparing(byVin);
            case "-price" -> Comparator.<Row>comparingLong(r -> r.l().vehicle().ePriceCents()).thenComparing(byVin).reversed();
            case "distance" -> Comparator.<Row>comparingDouble(Row::miles).thenComparing(byVin);
            case "year" -> Comparator.<Row>comparingInt(r -> r.l().vehicle().year()).thenComparing(byVin);
            case "-year" -> Comparator.<Row>comparingInt(r -> r.l().vehicle().year()).thenComparing(byVin).reversed();
            case "mileage" -> Comparator.<Row>comparingInt(r -> r.l().vehicle().mileage()).thenComparing(byVin);
            default -> throw new IllegalArgumentException(q.get("sort"));
        };
        rows.sort(order);
        return rows.stream().map(r -> r.l().vin()).toList();
    }

    private static boolean same(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }

    @Test
    void theIndexesHoldExactlyTheSearchableListings() {
        // a nationwide price walk over a few models: nothing unlisted, reserved, sold or withdrawn
        Set<String> seen = new HashSet<>();
        for (String model : List.of("Bolt EV", "Escalade")) {
            String cursor = null;
            do {
                Map<String, List<String>> params = new LinkedHashMap<>();
                params.put("model", List.of(model));
                params.put("limit", List.of("50"));
                if (cursor != null) {
                    params.put("cursor", List.of(cursor));
                }
                JsonNode page = service.search(params).body();
                page.get("items").forEach(i -> {
                    assertEquals("AVAILABLE", i.get("status").asText());
                    assertTrue(i.get("listed").asBoolean());
                    assertNull(i.get("distanceMiles"), "no distance without a zip");
                    seen.add(i.get("vin").asText());
                });
                cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
        }
        long expected = searchable.stream().filter(l -> List.of("Bolt EV", "Escalade").contains(l.vehicle().model())).count();
        assertTrue(expected > corpus.size() / 1000, "the corpus has these models: " + expected);
        assertEquals(expected, seen.size());
    }
}
