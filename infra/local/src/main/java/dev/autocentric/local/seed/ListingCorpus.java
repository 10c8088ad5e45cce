package dev.autocentric.local.seed;

import dev.autocentric.local.seed.DemoNetwork.DemoDealer;
import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Transmission;
import dev.autocentric.shared.listing.Vehicle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A large, deterministic set of Listings items for the search oracle and the benchmark: the demo
 * dealer network (10,800 dealers at real ZIP centroids, weighted by population density) with the
 * demo stock generator's vehicles, in every state a listing can be in (about 90 % listed; 85 %
 * AVAILABLE, the rest RESERVED, SOLD or WITHDRAWN). Items are written with the Listings table
 * schema, so their search index keys are exactly the ones the API's writes produce.
 */
public final class ListingCorpus {

    private static final int GM_DEALERS = 7_800;
    private static final int OTHER_DEALERS = 3_000;
    private static final int BATCH = 25;

    private ListingCorpus() {
    }

    /** {@code count} listings (at most 25 per dealer), the same for the same seed. */
    public static List<Listing> generate(long seed, int count) {
        DemoNetwork network = new DemoNetwork(seed);
        List<DemoDealer> dealers = network.dealers(GM_DEALERS, OTHER_DEALERS);
        int perDealer = (int) Math.ceil((double) count / dealers.size());
        if (perDealer > BATCH) {
            throw new IllegalArgumentException("at most " + BATCH * dealers.size() + " listings");
        }
        Map<String, List<Map<String, Object>>> stock = network.stock(dealers, perDealer);
        Random random = new Random(seed ^ 0x5eed);
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        List<Listing> out = new ArrayList<>(count);
        // round-robin over dealers so a prefix of the corpus is spread over the whole network
        for (int i = 0; i < perDealer && out.size() < count; i++) {
            for (DemoDealer d : dealers) {
                if (out.size() == count) {
                    break;
                }
                Map<String, Object> v = stock.get(d.dealerId()).get(i);
                int roll = random.nextInt(100);
                ListingStatus status = roll < 85 ? ListingStatus.AVAILABLE : roll < 90 ? ListingStatus.RESERVED
                        : roll < 95 ? ListingStatus.SOLD : ListingStatus.WITHDRAWN;
                out.add(new Listing(vehicle(v), d.dealerId(), status, 1, at, at, d.name(), d.city(), d.zip(),
                        d.lat(), d.lon()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Vehicle vehicle(Map<String, Object> v) {
        return new Vehicle((String) v.get("vin"), (String) v.get("stockNumber"),
                Condition.valueOf((String) v.get("condition")), (Integer) v.get("year"), (String) v.get("make"),
                (String) v.get("model"), (String) v.get("trim"), BodyStyle.valueOf((String) v.get("bodyStyle")),
                Fuel.valueOf((String) v.get("fuel")), Drivetrain.fromWire((String) v.get("drivetrain")),
                Transmission.valueOf((String) v.get("transmission")), (String) v.get("exteriorColor"),
                (String) v.get("interiorColor"), (Integer) v.get("mileage"), (Long) v.get("msrpCents"),
                (Long) v.get("ePriceCents"), (Boolean) v.get("listed"), (List<String>) v.get("photos"),
                (List<String>) v.get("options"));
    }

    /** Writes the listings with BatchWriteItem (25 a call, unprocessed items retried) on a few threads. */
    public static void load(DynamoDbClient client, String table, List<Listing> listings, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < listings.size(); from += BATCH) {
                List<Listing> slice = listings.subList(from, Math.min(listings.size(), from + BATCH));
                done.add(pool.submit(() -> write(client, table, slice)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("loading the corpus failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void write(DynamoDbClient client, String table, List<Listing> slice) {
        List<WriteRequest> requests = new ArrayList<>(slice.size());
        for (Listing l : slice) {
            Map<String, AttributeValue> item = ListingTableSchema.SCHEMA.itemToMap(l, true);
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round > 10) {
                throw new IllegalStateException("BatchWriteItem kept leaving items unprocessed");
            }
            final Map<String, List<WriteRequest>> batch = pending;
            BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(batch));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }
}
