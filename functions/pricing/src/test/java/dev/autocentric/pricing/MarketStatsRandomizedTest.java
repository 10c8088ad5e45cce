package dev.autocentric.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.events.StreamEvents;
import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Vehicle;
import dev.autocentric.shared.pricing.DealAssessment;
import dev.autocentric.shared.pricing.MarketSegment;
import dev.autocentric.shared.pricing.MarketStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * Must show 2: after a random sequence of 1,000 upserts, e-price changes and withdrawals over a
 * generated data set, the stored market statistics and every deal rating equal a brute-force
 * recomputation from the listings. Upserts and withdrawals go through the repository the listing
 * function writes with, e-price changes through the pricing function; the Listings stream is read
 * from the emulator and fed to the real stream consumer in batches, some of them twice (Lambda
 * delivers at least once).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketStatsRandomizedTest {

    static final long SEED = Long.getLong("pricing.seed", 20261126L);
    static final int OPERATIONS = 1_000;
    static final String[] MODELS = {"Malibu", "Equinox", "Silverado 1500"};
    static final long[] BASE_PRICE = {2_600_000, 3_100_000, 4_800_000};
    static final int[] YEARS = {2022, 2023};
    static final String[] DEALERS = {"rand-a", "rand-b", "rand-c"};

    PricingApi api;
    Map<String, String> credentials = new HashMap<>();
    MarketStatsFunction consumer;
    String streamArn;
    final Map<String, String> iterators = new HashMap<>();
    /** What the test wrote last for each VIN (it is the only writer), so no read is needed per operation. */
    final Map<String, Listing> written = new HashMap<>();

    @BeforeAll
    void start() {
        api = new PricingApi("Rand");
        for (String d : DEALERS) {
            credentials.put(d, api.enrol(d));
        }
        consumer = new MarketStatsFunction(new MarketStatsUpdater(api.stats, api.history));
        streamArn = api.dynamo().describeTable(b -> b.tableName(api.tables.get("ListingsTable"))).table()
                .latestStreamArn();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void statisticsAndEveryRatingEqualABruteForceRecomputation() {
        Random random = new Random(SEED);
        List<String> vins = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            vins.add(PricingApi.newVin());
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (int op = 1; op <= OPERATIONS; op++) {
            String vin = vins.get(random.nextInt(vins.size()));
            Listing current = written.get(vin);
            int dice = random.nextInt(100);
            String kind;
            if (current == null || dice < 40) {
                kind = upsert(random, vin, current);
            } else if (dice < 80) {
                kind = changePrice(random, current);
            } else {
                kind = withdraw(current);
            }
            counts.merge(kind, 1, Integer::sum);
            if (op % 40 == 0) {
                drainStream(random);
            }
        }
        drainStream(random);
        System.out.println("seed " + SEED + ": " + counts);

        Map<String, MarketStats> expected = bruteForce();
        Map<String, MarketStats> stored = storedSegments();
        assertEquals(expected, stored, "market statistics (seed " + SEED + ")");
        assertTrue(expected.size() >= 6, "the data set spreads over many segments: " + expected.keySet());

        int rated = 0;
        Map<String, Integer> ratings = new TreeMap<>();
        for (Listing listing : allListings()) {
            String segment = MarketSegment.of(listing.vehicle());
            DealAssessment shown = DealAssessment.of(listing.vehicle().ePriceCents(), api.stats.get(segment));
            DealAssessment truth = DealAssessment.of(listing.vehicle().ePriceCents(),
                    expected.getOrDefault(segment, MarketStats.empty(segment)));
            assertEquals(truth, shown, listing.vin());
            ratings.merge(shown.rating().name(), 1, Integer::sum);
            rated++;
        }
        System.out.println("ratings of " + rated + " listings: " + ratings);
        assertTrue(ratings.size() >= 4, "several ratings occur: " + ratings);
    }

    private String upsert(Random random, String vin, Listing current) {
        int m = random.nextInt(MODELS.length);
        int year = YEARS[random.nextInt(YEARS.length)];
        int mileage = random.nextInt(4) == 0 ? 12 : 5_000 + random.nextInt(60_000);
        long msrp = BASE_PRICE[m] + 300_000;
        long price = BASE_PRICE[m] * (80 + random.nextInt(41)) / 100;
        boolean listed = random.nextInt(10) != 0;
        Vehicle vehicle = PricingApi.vehicle(vin, MODELS[m], year, mileage, msrp, price, listed);
        Instant now = Instant.now();
        if (current == null) {
            String dealerId = DEALERS[random.nextInt(DEALERS.length)];
            written.put(vin, api.list(dealerId, vehicle));
            return "create";
        }
        Listing next = current.withChange(vehicle, ListingStatus.AVAILABLE, now, current.dealerName(),
                current.dealerCity(), current.dealerZip(), current.dealerLat(), current.dealerLon());
        api.listings.replace(next, current);
        written.put(vin, next);
        return "update";
    }

    private String changePrice(Random random, Listing current) {
        long msrp = current.vehicle().msrpCents();
        long price = msrp * (60 + random.nextInt(45)) / 100;
        GatewayCalls.Response r = api.send("PUT", "/v1/dealers/" + current.dealerId() + "/inventory/" + current.vin()
                + "/price", credentials.get(current.dealerId()), "{\"ePriceCents\": " + price + "}");
        assertEquals(200, r.status(), r.body());
        if (price != current.vehicle().ePriceCents()) {
            written.put(current.vin(), current.withChange(EPriceService.withPrice(current.vehicle(), price),
                    current.status(), Instant.now(), current.dealerName(), current.dealerCity(), current.dealerZip(),
                    current.dealerLat(), current.dealerLon()));
        }
        assertEquals(r.json().get("version").asLong(), written.get(current.vin()).version());
        return "price";
    }

    private String withdraw(Listing current) {
        if (current.status() == ListingStatus.WITHDRAWN) {
            return "withdraw-noop";
        }
        Listing next = current.withChange(current.vehicle(), ListingStatus.WITHDRAWN, Instant.now(),
                current.dealerName(), current.dealerCity(), current.dealerZip(), current.dealerLat(),
                current.dealerLon());
        api.listings.replace(next, current);
        written.put(current.vin(), next);
        return "withdraw";
    }

    /** Reads every new stream record and feeds them to the consumer in batches; one batch in five twice. */
    private void drainStream(Random random) {
        List<Shard> shards = api.aws.clients().streams().describeStream(b -> b.streamArn(streamArn))
                .streamDescription().shards();
        for (Shard shard : shards) {
            String iterator = iterators.computeIfAbsent(shard.shardId(), id -> api.aws.clients().streams()
                    .getShardIterator(b -> b.streamArn(streamArn).shardId(id)
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            while (iterator != null) {
                String current = iterator;
                var page = api.aws.clients().streams().getRecords(b -> b.shardIterator(current).limit(100));
                List<Record> records = page.records();
                iterator = page.nextShardIterator();
                iterators.put(shard.shardId(), iterator);
                if (records.isEmpty()) {
                    break;
                }
                feed(records);
                if (random.nextInt(5) == 0) {
                    feed(records);
                }
            }
        }
    }

    private void feed(List<Record> records) {
        byte[] event = Json.write(StreamEvents.event(records, streamArn, api.aws.region()))
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            consumer.handleRequest(new ByteArrayInputStream(event), out, null);
            JsonNode answer = Json.tree(out.toString(StandardCharsets.UTF_8));
            assertEquals(0, answer.get("batchItemFailures").size(), answer.toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<Listing> allListings() {
        List<Listing> all = new ArrayList<>();
        api.dynamo().scanPaginator(b -> b.tableName(api.tables.get("ListingsTable")).consistentRead(true)).items()
                .forEach(item -> all.add(ListingTableSchema.SCHEMA.mapToItem(item)));
        return all;
    }

    private Map<String, MarketStats> bruteForce() {
        Map<String, MarketStats> stats = new TreeMap<>();
        for (Listing l : allListings()) {
            MarketSegment.countedIn(l).ifPresent(segment -> {
                MarketStats s = stats.getOrDefault(segment, MarketStats.empty(segment));
                stats.put(segment, new MarketStats(segment, s.count() + 1, s.sumCents() + l.vehicle().ePriceCents()));
            });
        }
        return stats;
    }

    private Map<String, MarketStats> storedSegments() {
        Map<String, MarketStats> stored = new TreeMap<>();
        api.dynamo().scanPaginator(b -> b.tableName(api.tables.get("MarketStatsTable")).consistentRead(true)).items()
                .forEach(item -> {
                    String id = item.get("id").s();
                    if (id.startsWith("SEG#")) {
                        String segment = id.substring(4);
                        MarketStats s = new MarketStats(segment, n(item, "count"), n(item, "sumCents"));
                        if (s.count() != 0 || s.sumCents() != 0) {
                            stored.put(segment, s);
                        }
                    }
                });
        return stored;
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }

}
