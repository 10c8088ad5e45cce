package dev.autocentric.shared.routing;

import dev.autocentric.shared.dynamo.DealerTableSchema;
import dev.autocentric.shared.dynamo.DeliveryPointTableSchema;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.routing.InvalidZipException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The delivery network read from DynamoDB: every delivery point is loaded with one paginated
 * Query on the Dealers table's sparse {@value DealerTableSchema#DELIVERY_POINT_INDEX} index (no
 * Scan; only delivery points carry its key, and it projects only what routing needs) into an
 * in-memory {@link DeliveryPointIndex}, once per container, on first use.
 *
 * <p>Bounded refresh: the index is reloaded on the first use after it is {@code refreshAfter} old
 * (default {@link #DEFAULT_REFRESH}, 5 minutes), so a newly enrolled delivery point is routed to
 * within 5 minutes and a warm container reads the index at most once per 5 minutes. If a reload
 * fails, the previous index keeps answering and the next use tries again. Requests are counted
 * ({@link #queryRequests()}) so a benchmark can amortise them over lookups.
 */
public final class DynamoDeliveryNetwork implements DeliveryNetwork {

    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDeliveryNetwork.class);

    private final DynamoDbIndex<DeliveryPoint> index;
    private final Clock clock;
    private final Duration refreshAfter;
    private final AtomicLong queryRequests = new AtomicLong();
    private final AtomicLong loads = new AtomicLong();
    private volatile Loaded loaded;
    private volatile CompletableFuture<Loaded> firstLoad;

    private record Loaded(DeliveryPointIndex points, Instant at) {
    }

    public DynamoDeliveryNetwork(DynamoDbClient client, String dealersTable, Clock clock, Duration refreshAfter) {
        this.index = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build()
                .table(dealersTable, DeliveryPointTableSchema.SCHEMA).index(DealerTableSchema.DELIVERY_POINT_INDEX);
        this.clock = clock;
        this.refreshAfter = refreshAfter;
    }

    public DynamoDeliveryNetwork(DynamoDbClient client, String dealersTable, Clock clock) {
        this(client, dealersTable, clock, DEFAULT_REFRESH);
    }

    @Override
    public Optional<NearbyDealer> nearestTo(String zip) {
        return nearestTo(zip, 1).stream().findFirst();
    }

    @Override
    public List<NearbyDealer> nearestTo(String zip, int k) {
        ZipCentroid centroid = centroid(zip);
        return points().nearest(centroid.lat(), centroid.lon(), k);
    }

    @Override
    public Optional<DeliveryPoint> point(String dealerId) {
        return points().point(dealerId);
    }

    /** The ZIP's centroid; {@link InvalidZipException} when it is malformed or unknown. */
    public static ZipCentroid centroid(String zip) {
        if (!ZipCentroids.isWellFormed(zip)) {
            throw new InvalidZipException(zip, Reason.MALFORMED);
        }
        return ZipCentroids.get().find(zip).orElseThrow(() -> new InvalidZipException(zip, Reason.UNKNOWN));
    }

    /**
     * Starts the first load on a daemon thread, so a function can begin it during init and let
     * init and the first request share the wait (the first {@link #points()} call joins it rather
     * than loading again). Does nothing once a load has started or finished.
     */
    public synchronized CompletableFuture<?> startLoading() {
        if (loaded != null) {
            return CompletableFuture.completedFuture(loaded);
        }
        if (firstLoad == null) {
            CompletableFuture<Loaded> pending = new CompletableFuture<>();
            firstLoad = pending;
            Thread loader = new Thread(() -> {
                try {
                    Instant at = clock.instant();
                    Loaded l = new Loaded(DeliveryPointIndex.of(load()), at);
                    synchronized (this) {
                        if (loaded == null) {
                            loaded = l;
                            loads.incrementAndGet();
                        }
                    }
                    pending.complete(l);
                } catch (RuntimeException | Error e) {
                    pending.completeExceptionally(e);
                }
            }, "delivery-points-load");
            loader.setDaemon(true);
            loader.start();
        }
        return firstLoad;
    }

    /** The current index, loading or refreshing it first when it is missing or too old. */
    public DeliveryPointIndex points() {
        Loaded current = loaded;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.at().plus(refreshAfter))) {
            return current.points();
        }
        CompletableFuture<Loaded> pending = firstLoad;
        if (current == null && pending != null) {
            try {
                pending.join(); // outside the lock: the loader takes it to publish its index
            } catch (CompletionException failed) {
                LOG.warn("background load of the delivery points failed; loading again: {}", failed.getCause().toString());
            }
            current = loaded;
            if (current != null) {
                return current.points();
            }
        }
        synchronized (this) {
            current = loaded;
            if (current != null && now.isBefore(current.at().plus(refreshAfter))) {
                return current.points();
            }
            try {
                loaded = new Loaded(DeliveryPointIndex.of(load()), now);
                loads.incrementAndGet();
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
                LOG.warn("delivery points could not be reloaded; answering from the index of {}: {}",
                        current.at(), e.toString());
                return current.points();
            }
            return loaded.points();
        }
    }

    private List<DeliveryPoint> load() {
        List<DeliveryPoint> points = new ArrayList<>(8_192);
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue(DealerTableSchema.DELIVERY_POINT_GROUP_VALUE).build()))
                .build();
        for (Page<DeliveryPoint> page : index.query(request)) {
            queryRequests.incrementAndGet();
            points.addAll(page.items());
        }
        return points;
    }

    /** Query requests (pages) sent to DynamoDB so far. */
    public long queryRequests() {
        return queryRequests.get();
    }

    /** How many times the index was (re)loaded. */
    public long loads() {
        return loads.get();
    }

    /** When the index answering now was loaded; empty before the first load. */
    public Optional<Instant> loadedAt() {
        Loaded current = loaded;
        return Optional.ofNullable(current == null ? null : current.at());
    }
}
