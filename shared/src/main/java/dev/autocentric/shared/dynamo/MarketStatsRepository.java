package dev.autocentric.shared.dynamo;

import dev.autocentric.shared.pricing.MarketStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The MarketStats table (key {@code id}): one item per market segment ({@code SEG#<segment>}
 * with {@code count} and {@code sumCents}) and one per VIN ({@code VIN#<vin>}) recording what
 * that vehicle currently contributes (segment, e-price) as of which listing version.
 *
 * <p>The stream consumer changes a VIN's contribution and the segment totals in one
 * TransactWriteItems, conditional on the contribution it read, so a replayed or concurrent
 * record can never count a vehicle twice. Reads are GetItem and BatchGetItem only.
 */
public class MarketStatsRepository {

    static final String SEGMENT_PREFIX = "SEG#";
    static final String VIN_PREFIX = "VIN#";

    private final DynamoDbClient client;
    private final String tableName;

    public MarketStatsRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /**
     * What one vehicle adds to the statistics as of listing {@code version}: its segment and
     * e-price, or a null segment when it counts nowhere (unlisted, withdrawn, reserved, sold).
     */
    public record Contribution(String vin, long version, String segment, long priceCents) {

        public boolean counted() {
            return segment != null;
        }
    }

    public String tableName() {
        return tableName;
    }

    /** The statistics of a segment; empty statistics when nothing was ever counted there. */
    public MarketStats get(String segment) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(key(SEGMENT_PREFIX + segment))).item();
        if (item == null || item.isEmpty()) {
            return MarketStats.empty(segment);
        }
        return new MarketStats(segment, number(item, "count"), number(item, "sumCents"));
    }

    /**
     * The statistics of many segments with BatchGetItem (100 keys a call, unprocessed keys
     * retried, eventually consistent like {@link #get}): every segment asked for is in the answer.
     */
    public Map<String, MarketStats> getAll(Collection<String> segments) {
        Map<String, MarketStats> found = new HashMap<>();
        segments.forEach(s -> found.put(s, MarketStats.empty(s)));
        batchGet(found.keySet().stream().map(s -> SEGMENT_PREFIX + s).toList(), false, item -> {
            String segment = item.get("id").s().substring(SEGMENT_PREFIX.length());
            found.put(segment, new MarketStats(segment, number(item, "count"), number(item, "sumCents")));
        });
        return found;
    }

    /**
     * The contributions of many VINs with BatchGetItem (100 keys a call, unprocessed keys retried):
     * every VIN asked for is in the answer, empty when it has none.
     */
    public Map<String, Optional<Contribution>> contributions(Collection<String> vins) {
        Map<String, Optional<Contribution>> found = new HashMap<>();
        vins.forEach(vin -> found.put(vin, Optional.empty()));
        batchGet(found.keySet().stream().map(v -> VIN_PREFIX + v).toList(), true, item -> {
            String vin = item.get("id").s().substring(VIN_PREFIX.length());
            found.put(vin, Optional.of(contribution(vin, item)));
        });
        return found;
    }

    /** BatchGetItem of the ids, 100 a call, unprocessed keys retried with back-off; each item found to {@code found}. */
    private void batchGet(List<String> ids, boolean consistent, Consumer<Map<String, AttributeValue>> found) {
        for (int from = 0; from < ids.size(); from += ListingRepository.BATCH_GET_MAX) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + ListingRepository.BATCH_GET_MAX))) {
                keys.add(key(id));
            }
            Map<String, KeysAndAttributes> request = Map.of(tableName,
                    KeysAndAttributes.builder().keys(keys).consistentRead(consistent).build());
            for (int round = 1; !request.isEmpty(); round++) {
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = Transient.retry(Transient.DEFAULT_ATTEMPTS,
                        () -> client.batchGetItem(b -> b.requestItems(current)));
                response.responses().getOrDefault(tableName, List.of()).forEach(found);
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    if (round >= 8) {
                        throw new IllegalStateException("BatchGetItem left keys unprocessed after " + round + " rounds");
                    }
                    Transient.sleep(Transient.backoff(round));
                }
            }
        }
    }

    public Optional<Contribution> contribution(String vin) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(key(VIN_PREFIX + vin)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(contribution(vin, item));
    }

    private static Contribution contribution(String vin, Map<String, AttributeValue> item) {
        AttributeValue segment = item.get("segment");
        return new Contribution(vin, number(item, "version"), segment == null ? null : segment.s(),
                number(item, "priceCents"));
    }

    /**
     * Moves a VIN's contribution from {@code before} (null: none recorded) to {@code after}
     * (null: delete the record) and the segment totals with it, atomically. Answers false, having
     * written nothing, when the stored contribution is no longer {@code before}.
     */
    public boolean move(String vin, Contribution before, Contribution after) {
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> conditionValues = before == null ? Map.of()
                : Map.of(":v", AttributeValue.fromN(Long.toString(before.version())));
        String condition = before == null ? "attribute_not_exists(#id)" : "#version = :v";
        Map<String, String> conditionNames = before == null ? Map.of("#id", "id") : Map.of("#version", "version");
        if (after == null) {
            items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tableName)
                    .key(key(VIN_PREFIX + vin)).conditionExpression(condition)
                    .expressionAttributeNames(conditionNames)
                    .expressionAttributeValues(conditionValues.isEmpty() ? null : conditionValues).build()).build());
        } else {
            Map<String, AttributeValue> item = new LinkedHashMap<>(key(VIN_PREFIX + vin));
            item.put("version", AttributeValue.fromN(Long.toString(after.version())));
            if (after.counted()) {
                item.put("segment", AttributeValue.fromS(after.segment()));
                item.put("priceCents", AttributeValue.fromN(Long.toString(after.priceCents())));
            }
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item)
                    .conditionExpression(condition).expressionAttributeNames(conditionNames)
                    .expressionAttributeValues(conditionValues.isEmpty() ? null : conditionValues).build()).build());
        }
        Map<String, long[]> deltas = new LinkedHashMap<>();
        if (before != null && before.counted()) {
            add(deltas, before.segment(), -1, -before.priceCents());
        }
        if (after != null && after.counted()) {
            add(deltas, after.segment(), 1, after.priceCents());
        }
        deltas.forEach((segment, d) -> {
            if (d[0] != 0 || d[1] != 0) {
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                        .key(key(SEGMENT_PREFIX + segment))
                        .updateExpression("ADD #count :dc, #sum :ds")
                        .expressionAttributeNames(Map.of("#count", "count", "#sum", "sumCents"))
                        .expressionAttributeValues(Map.of(":dc", AttributeValue.fromN(Long.toString(d[0])),
                                ":ds", AttributeValue.fromN(Long.toString(d[1]))))
                        .build()).build());
            }
        });
        try {
            Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> client.transactWriteItems(b -> b.transactItems(items)));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
                    .anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw e;
        }
    }

    private static void add(Map<String, long[]> deltas, String segment, long count, long sum) {
        long[] d = deltas.computeIfAbsent(segment, s -> new long[2]);
        d[0] += count;
        d[1] += sum;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
