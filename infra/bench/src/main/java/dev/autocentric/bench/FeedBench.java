package dev.autocentric.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.LocalRuntime;
import dev.autocentric.local.Options;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.local.seed.ListingCorpus;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.Listing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Feed ingest: one dealer's 10,000-vehicle feed sent as batches of 500 to
 * {@code POST /v1/dealers/{id}/inventory/batch} through the local runtime (the listing function's
 * own JVM, as deployed), then the same feed again. Vehicles per second from the wall time of the
 * sends. Write units: every write the feed made is read back from the Listings stream (one record
 * per committed write, with its old and new image) and costed with {@link WriteUnits}; the floor
 * is one Put of each stored item, ceil(size / 1 KiB) WCU plus its index writes. Their ratio shows
 * whether the feed writes more than once per vehicle. Only the listing function runs.
 */
final class FeedBench {

    static final long SEED = 20261126L;
    static final String DEALER = "dlr-bench-feed";

    private final int vehicles;
    private final int batchSize;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FeedBench(int vehicles, int batchSize) {
        this.vehicles = vehicles;
        this.batchSize = batchSize;
    }

    /** What one pass of the feed did. */
    record Pass(long nanos, Map<String, Integer> outcomes, List<Long> batchNanos) {
        double perSecond(int n) {
            return n / (nanos / 1e9);
        }
    }

    Report.Section run() throws Exception {
        Path root = ProjectRoot.find();
        Path work = Files.createTempDirectory("autocentric-feed");
        String adminToken = "bench-feed-operator-token-" + Long.toHexString(SEED);
        Options options = Options.forTemplate(root.resolve("template.yaml"))
                .parameter("AdminTokenSha256", DealerCredentials.sha256Hex(adminToken)).parameter("LocalMode", "true")
                .httpPort(0).seed("none").stateDirectory(work.resolve("state")).logDirectory(work.resolve("logs"))
                // the ingest path alone: the stream consumers (market statistics, publisher) would
                // compete for the one emulator; the writes are read from the stream all the same
                .function("ListingFunction");
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            URI api = runtime.httpEndpoint();
            Map<String, Object> dealer = new LinkedHashMap<>();
            dealer.put("dealerId", DEALER);
            dealer.put("name", "Feed Bench Chevrolet");
            dealer.put("brands", List.of("Chevrolet"));
            dealer.put("network", "GM");
            dealer.put("deliveryPoint", true);
            dealer.put("address", "1 Main St");
            dealer.put("city", "Detroit");
            dealer.put("state", "MI");
            dealer.put("zip", "48226");
            dealer.put("lat", 42.33181);
            dealer.put("lon", -83.05035);
            JsonNode enrolled = send(api, "POST", "/v1/admin/dealers", adminToken, Json.write(dealer), 201);
            String credential = enrolled.path("credential").asText();
            List<ObjectNode> feed = new ArrayList<>();
            for (Listing l : ListingCorpus.generate(SEED, vehicles)) {
                feed.add(Json.MAPPER.valueToTree(l.vehicle()));
            }
            // a small warm-up batch of other VINs, so the first measured batch does not pay the cold start
            List<ObjectNode> warm = new ArrayList<>();
            for (Listing l : ListingCorpus.generate(SEED + 1, 20)) {
                warm.add(Json.MAPPER.valueToTree(l.vehicle()));
            }
            push(api, credential, warm);

            Pass first = push(api, credential, feed);
            Pass second = push(api, credential, feed);
            System.out.printf(Locale.ROOT, "bench feed: %d vehicles in %.1f s, again in %.1f s%n", vehicles,
                    first.nanos() / 1e9, second.nanos() / 1e9);

            Deployment deployment = runtime.deployment();
            String table = deployment.physicalName("ListingsTable");
            List<WriteUnits.Index> indexes = WriteUnits.indexesOf(deployment.dynamo(), table);
            Set<String> vins = new HashSet<>();
            feed.forEach(v -> vins.add(v.path("vin").asText()));
            List<Record> writes = new ArrayList<>();
            for (Record r : streamRecords(deployment.streams(), deployment.streamArn("ListingsTable"))) {
                if (r.dynamodb().hasKeys() && vins.contains(r.dynamodb().keys().get("vin").s())) {
                    writes.add(r);
                }
            }
            long measured = 0;
            Map<String, Integer> writesPerVin = new HashMap<>();
            for (Record r : writes) {
                Map<String, AttributeValue> before = r.dynamodb().hasOldImage() ? r.dynamodb().oldImage() : null;
                if (r.dynamodb().hasNewImage()) {
                    measured += WriteUnits.put(before, r.dynamodb().newImage(), false, indexes).total();
                }
                writesPerVin.merge(r.dynamodb().keys().get("vin").s(), 1, Integer::sum);
            }
            long floor = 0;
            long bytes = 0;
            int stored = 0;
            // the stored items, read 100 at a time, as the table schema writes them
            for (Listing listing : new ListingRepository(deployment.dynamo(), table).getAll(vins).values()) {
                WriteUnits.Cost cost = WriteUnits.put(null, ListingTableSchema.SCHEMA.itemToMap(listing, true), false,
                        indexes);
                floor += cost.total();
                bytes += cost.bytes();
                stored++;
            }
            return report(first, second, stored, writes.size(), writesPerVin, measured, floor, bytes);
        }
    }

    private Report.Section report(Pass first, Pass second, int stored, int writes, Map<String, Integer> writesPerVin,
                                  long measured, long floor, long bytes) {
        long[] batches = first.batchNanos().stream().mapToLong(Long::longValue).sorted().toArray();
        double ratio = floor == 0 ? 0 : (double) measured / floor;
        long rewritten = writesPerVin.values().stream().filter(n -> n > 1).count();
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("vehicles", vehicles);
        f.put("batchSize", batchSize);
        f.put("stored", stored);
        f.put("firstPassSeconds", SearchBench.round(first.nanos() / 1e9));
        f.put("vehiclesPerSecond", SearchBench.round(first.perSecond(vehicles)));
        f.put("batchMedianMs", SearchBench.round(SearchBench.percentile(batches, 0.5) / 1e6));
        f.put("batchP99Ms", SearchBench.round(SearchBench.percentile(batches, 0.99) / 1e6));
        f.put("secondPassSeconds", SearchBench.round(second.nanos() / 1e9));
        f.put("secondPassVehiclesPerSecond", SearchBench.round(second.perSecond(vehicles)));
        f.set("firstPassOutcomes", Json.MAPPER.valueToTree(first.outcomes()));
        f.set("secondPassOutcomes", Json.MAPPER.valueToTree(second.outcomes()));
        f.put("writes", writes);
        f.put("vehiclesWrittenMoreThanOnce", rewritten);
        f.put("averageItemBytes", stored == 0 ? 0 : SearchBench.round((double) bytes / stored));
        f.put("writeUnitsPerVehicle", SearchBench.round((double) measured / Math.max(1, stored)));
        f.put("floorWriteUnitsPerVehicle", SearchBench.round((double) floor / Math.max(1, stored)));
        f.put("writeUnitsRatioToFloor", SearchBench.round(ratio));
        String md = String.format(Locale.ROOT, """
                One dealer's feed of %,d vehicles (the demo catalogue's mix: new and used, about 10%% unlisted)
                sent as %d batches of %d to `POST /v1/dealers/{id}/inventory/batch` through the local runtime
                (the listing function only; the stream consumers would compete for the one emulator),
                one batch after another, after a warm-up batch of 20 other VINs; then the same feed again.
                Write units are costed from the Listings stream (one record per committed write: old and new
                image) with the item-size model of the orders section; the floor is one Put per stored
                vehicle: ceil(item size / 1 KiB) plus one index write per index whose keys the item carries
                (byDealer, and the four sparse search indexes while listed and AVAILABLE).

                | figure | value |
                |---|---:|
                | vehicles per second (first pass) | %.0f |
                | batch of %d: median / p99 ms | %.0f / %.0f |
                | outcomes, first pass | %s |
                | second pass: vehicles per second, outcomes | %.0f, %s |
                | committed writes (first and second pass) | %,d |
                | vehicles written more than once | %,d |
                | average item size | %.0f bytes |
                | write units per vehicle, measured | %.2f |
                | write units per vehicle, floor | %.2f |
                | **measured ÷ floor** | **%.2f** |
                """, vehicles, (vehicles + batchSize - 1) / batchSize, batchSize, first.perSecond(vehicles), batchSize,
                SearchBench.percentile(batches, 0.5) / 1e6, SearchBench.percentile(batches, 0.99) / 1e6,
                first.outcomes(), second.perSecond(vehicles), second.outcomes(), writes, rewritten,
                stored == 0 ? 0.0 : (double) bytes / stored, (double) measured / Math.max(1, stored),
                (double) floor / Math.max(1, stored), ratio);
        return new Report.Section("feed", f, md);
    }

    private Pass push(URI api, String credential, List<ObjectNode> feed) throws Exception {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<Long> batchNanos = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < feed.size(); from += batchSize) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode items = body.putArray("items");
            feed.subList(from, Math.min(feed.size(), from + batchSize)).forEach(items::add);
            long t0 = System.nanoTime();
            JsonNode answer = send(api, "POST", "/v1/dealers/" + DEALER + "/inventory/batch", credential,
                    Json.write(body), 200);
            batchNanos.add(System.nanoTime() - t0);
            for (JsonNode r : answer.path("results")) {
                outcomes.merge(r.path("status").asText(), 1, Integer::sum);
            }
        }
        return new Pass(System.nanoTime() - start, outcomes, batchNanos);
    }

    private JsonNode send(URI api, String method, String path, String bearer, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("authorization", "Bearer " + bearer).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Json.tree(response.body());
    }

    /** Every record of every shard of a stream, from its start. */
    static List<Record> streamRecords(DynamoDbStreamsClient streams, String streamArn) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                records.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }
}
