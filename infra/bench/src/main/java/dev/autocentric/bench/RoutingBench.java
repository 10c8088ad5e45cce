package dev.autocentric.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.seed.DemoNetwork;
import dev.autocentric.local.seed.DemoSeed;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.Network;
import dev.autocentric.shared.dynamo.DealerTableSchema;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.routing.DeliveryPoint;
import dev.autocentric.shared.routing.DynamoDeliveryNetwork;
import dev.autocentric.shared.routing.GreatCircle;
import dev.autocentric.shared.routing.NearbyDealer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Routing (issue 3): nearest-delivery-dealer lookups on the demo network (7,800 GM delivery
 * points among 10,800 dealers) for random ZIPs of the data set, through the DynamoDB-backed
 * network against moto, and the same queries answered by a brute-force haversine scan.
 */
final class RoutingBench {

    static final long SEED = 20010205L;
    static final int K = 5;

    private final int lookups;

    RoutingBench(int lookups) {
        this.lookups = lookups;
    }

    /** Counts the SDK requests a client sends, by operation. */
    static final class RequestCounter implements ExecutionInterceptor {
        final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    o -> new AtomicLong()).incrementAndGet();
        }

        long total() {
            return byOperation.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }

    Report.Section run() {
        LocalAws aws = LocalAws.shared();
        String table = aws.createTables("bench" + Long.toHexString(System.nanoTime())).get("DealersTable");
        var size = DemoSeed.Size.DEFAULT;
        List<DemoNetwork.DemoDealer> demo = new DemoNetwork(SEED).dealers(size.gmDealers(), size.otherDealers());
        long writeStart = System.nanoTime();
        store(aws.dynamo(), table, demo);
        System.out.printf(Locale.ROOT, "bench routing: %d dealers stored in %.1f s%n", demo.size(),
                (System.nanoTime() - writeStart) / 1e9);

        List<ZipCentroid> zips = ZipCentroids.get().all();
        Random random = new Random(SEED);
        String[] queries = new String[lookups];
        for (int i = 0; i < lookups; i++) {
            queries[i] = zips.get(random.nextInt(zips.size())).zip();
        }

        // 1. a fresh container: the first lookup loads the index; every request is counted
        RequestCounter counter = new RequestCounter();
        try (DynamoDbClient counted = countingClient(aws.endpoint(), counter)) {
            DynamoDeliveryNetwork network = new DynamoDeliveryNetwork(counted, table, Clock.systemUTC());
            long[] cold = new long[lookups];
            for (int i = 0; i < lookups; i++) {
                long t = System.nanoTime();
                network.nearestTo(queries[i], K);
                cold[i] = System.nanoTime() - t;
            }
            long requests = counter.total();
            long pages = network.queryRequests();
            int points = network.points().size();

            // 2. warm the JIT on both, then measure both over the same queries
            DeliveryPoint[] all = network.points().points().toArray(DeliveryPoint[]::new);
            for (int pass = 0; pass < 3; pass++) {
                for (String q : queries) {
                    network.nearestTo(q, K);
                    bruteForce(all, q, K);
                }
            }
            long[] indexed = new long[lookups];
            long[] brute = new long[lookups];
            int disagreements = 0;
            for (int i = 0; i < lookups; i++) {
                long t = System.nanoTime();
                List<NearbyDealer> a = network.nearestTo(queries[i], K);
                indexed[i] = System.nanoTime() - t;
                t = System.nanoTime();
                List<NearbyDealer> b = bruteForce(all, queries[i], K);
                brute[i] = System.nanoTime() - t;
                disagreements += sameIds(a, b) ? 0 : 1;
            }
            Arrays.sort(indexed);
            Arrays.sort(brute);
            double indexMedian = micros(percentile(indexed, 0.5));
            double indexP99 = micros(percentile(indexed, 0.99));
            double bruteMedian = micros(percentile(brute, 0.5));
            double bruteP99 = micros(percentile(brute, 0.99));
            double firstLookupMs = cold[0] / 1e6;
            double readsPerLookup = requests / (double) lookups;

            ObjectNode f = Json.MAPPER.createObjectNode();
            f.put("runAt", Instant.now().toString());
            f.put("lookups", lookups);
            f.put("k", K);
            f.put("deliveryPoints", points);
            f.put("dealers", demo.size());
            f.put("indexMedianMicros", round(indexMedian));
            f.put("indexP99Micros", round(indexP99));
            f.put("bruteForceMedianMicros", round(bruteMedian));
            f.put("bruteForceP99Micros", round(bruteP99));
            f.put("medianSpeedup", round(bruteMedian / indexMedian));
            f.put("p99Speedup", round(bruteP99 / indexP99));
            f.put("firstLookupWithLoadMillis", round(firstLookupMs));
            f.put("dynamoRequests", requests);
            f.put("queryPages", pages);
            f.put("dynamoRequestsPerLookup", readsPerLookup);
            f.put("itemsReadPerLookup", points / (double) lookups);
            f.put("disagreementsWithBruteForce", disagreements);
            ObjectNode ops = f.putObject("dynamoRequestsByOperation");
            counter.byOperation.forEach((op, n) -> ops.put(op, n.get()));

            String md = String.format(Locale.ROOT, """
                    Nearest %d delivery dealers to a random ZIP of the data set (%,d lookups, %,d delivery points \
                    among %,d demo dealers), through `DynamoDeliveryNetwork` (geohash best-first index in memory, \
                    loaded with one Query on the sparse `deliveryPoints` index of the Dealers table in moto), \
                    against a brute-force haversine scan of every delivery point over the same queries \
                    (both after a JIT warm-up of 3 passes; times per lookup, ZIP-to-centroid included).

                    | | median | p99 |
                    |---|---:|---:|
                    | index lookup | %.1f µs | %.1f µs |
                    | brute-force scan | %.1f µs | %.1f µs |
                    | scan / index | %.1f× | %.1f× |

                    DynamoDB: %d requests (%s) for %,d lookups from a fresh network = **%.5f reads per lookup** \
                    (%.3f items read per lookup); the index is reloaded at most every 5 minutes per container. \
                    The first lookup, which loads the index, took %.0f ms against moto. \
                    Lookups that disagreed with the scan: %d.
                    """, K, lookups, points, demo.size(), indexMedian, indexP99, bruteMedian, bruteP99,
                    bruteMedian / indexMedian, bruteP99 / indexP99, requests, counter.byOperation.toString(), lookups,
                    readsPerLookup, points / (double) lookups, firstLookupMs, disagreements);
            return new Report.Section("routing", f, md);
        }
    }

    /** Every dealer stored as the enrolment stores it (the Dealers table schema), 25 to a batch. */
    static void store(DynamoDbClient client, String tableName, List<DemoNetwork.DemoDealer> demo) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        DynamoDbTable<Dealer> table = enhanced.table(tableName, DealerTableSchema.SCHEMA);
        Instant now = Instant.now();
        for (int from = 0; from < demo.size(); from += 25) {
            WriteBatch.Builder<Dealer> batch = WriteBatch.builder(Dealer.class).mappedTableResource(table);
            for (DemoNetwork.DemoDealer d : demo.subList(from, Math.min(from + 25, demo.size()))) {
                batch.addPutItem(new Dealer(d.dealerId(), d.name(), d.brands(), Network.valueOf(d.network()),
                        d.deliveryPoint(), d.address(), d.city(), d.state(), d.zip(), d.lat(), d.lon(), "salt", "hash", now));
            }
            var result = enhanced.batchWriteItem(b -> b.addWriteBatch(batch.build()));
            if (!result.unprocessedPutItemsForTable(table).isEmpty()) {
                throw new IllegalStateException("moto left items unprocessed");
            }
        }
    }

    /** The ZIP's centroid, then haversine to every point, best k by (distance, dealerId). */
    static List<NearbyDealer> bruteForce(DeliveryPoint[] points, String zip, int k) {
        ZipCentroid c = DynamoDeliveryNetwork.centroid(zip);
        List<NearbyDealer> best = new ArrayList<>(k + 1);
        for (DeliveryPoint p : points) {
            double miles = GreatCircle.miles(c.lat(), c.lon(), p.lat(), p.lon());
            int at = best.size();
            while (at > 0 && (miles < best.get(at - 1).distanceMiles() || miles == best.get(at - 1).distanceMiles()
                    && p.dealerId().compareTo(best.get(at - 1).dealer().dealerId()) < 0)) {
                at--;
            }
            if (at < k) {
                best.add(at, new NearbyDealer(p, miles));
                if (best.size() > k) {
                    best.remove(k);
                }
            }
        }
        return best;
    }

    static DynamoDbClient countingClient(URI endpoint, RequestCounter counter) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(endpoint)
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter))
                .build();
    }

    private static boolean sameIds(List<NearbyDealer> a, List<NearbyDealer> b) {
        return a.stream().map(n -> n.dealer().dealerId()).toList().equals(b.stream().map(n -> n.dealer().dealerId()).toList());
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
