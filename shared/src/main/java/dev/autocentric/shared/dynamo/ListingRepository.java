package dev.autocentric.shared.dynamo;

import dev.autocentric.shared.listing.Listing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Listings table access. Every write is conditional; reads are GetItem, BatchGetItem or a
 * Query on {@code byDealer} — never a Scan.
 */
public class ListingRepository {

    public static final int BATCH_GET_MAX = 100;
    private static final int BATCH_GET_ROUNDS = 8;

    private final DynamoDbClient client;
    private final String tableName;
    private final DynamoDbTable<Listing> table;
    private final DynamoDbIndex<Listing> byDealer;

    public ListingRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build()
                .table(tableName, ListingTableSchema.SCHEMA);
        this.byDealer = table.index(ListingTableSchema.BY_DEALER);
    }

    /** The items of one page of a dealer's stock and whether more follow. */
    public record DealerSlice(List<Listing> items, boolean more) {
    }

    public Optional<Listing> get(String vin) {
        return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(vin).build()).consistentRead(true).build()));
    }

    /** Reads many listings by VIN with BatchGetItem (100 keys a call), retrying unprocessed keys. */
    public Map<String, Listing> getAll(Collection<String> vins) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(vins));
        Map<String, Listing> found = new HashMap<>();
        for (int from = 0; from < unique.size(); from += BATCH_GET_MAX) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String vin : unique.subList(from, Math.min(unique.size(), from + BATCH_GET_MAX))) {
                keys.add(Map.of("vin", AttributeValue.fromS(vin)));
            }
            Map<String, KeysAndAttributes> request = Map.of(tableName,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int round = 1; !request.isEmpty(); round++) {
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = Transient.retry(Transient.DEFAULT_ATTEMPTS,
                        () -> client.batchGetItem(b -> b.requestItems(current)));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    Listing listing = ListingTableSchema.SCHEMA.mapToItem(item);
                    found.put(listing.vin(), listing);
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    if (round >= BATCH_GET_ROUNDS) {
                        throw new IllegalStateException("BatchGetItem left keys unprocessed after " + round + " rounds");
                    }
                    Transient.sleep(Transient.backoff(round));
                }
            }
        }
        return found;
    }

    /** Puts a new listing; fails with ConditionalCheckFailedException when the VIN exists. */
    public void create(Listing listing) {
        table.putItem(PutItemEnhancedRequest.builder(Listing.class).item(listing)
                .conditionExpression(createCondition()).build());
    }

    /**
     * Replaces a listing only if it is still exactly the one read: same version, owner and status.
     * Fails with ConditionalCheckFailedException otherwise.
     */
    public void replace(Listing listing, Listing expected) {
        table.putItem(PutItemEnhancedRequest.builder(Listing.class).item(listing)
                .conditionExpression(replaceCondition(expected)).build());
    }

    public static Expression createCondition() {
        return Expression.builder().expression("attribute_not_exists(#vin)")
                .putExpressionName("#vin", "vin").build();
    }

    public static Expression replaceCondition(Listing expected) {
        return Expression.builder()
                .expression("#version = :version AND #dealerId = :dealerId AND #status = :status")
                .putExpressionName("#version", "version")
                .putExpressionName("#dealerId", "dealerId")
                .putExpressionName("#status", "status")
                .putExpressionValue(":version", AttributeValue.fromN(Long.toString(expected.version())))
                .putExpressionValue(":dealerId", AttributeValue.fromS(expected.dealerId()))
                .putExpressionValue(":status", AttributeValue.fromS(expected.status().name()))
                .build();
    }

    /**
     * One page of a dealer's stock in VIN order, starting after {@code afterVin} (null: from the
     * start). Asks for {@code limit + 1} items so "more follow" never depends on LastEvaluatedKey.
     */
    public DealerSlice byDealer(String dealerId, String afterVin, int limit) {
        Key.Builder key = Key.builder().partitionValue(dealerId);
        QueryConditional condition = afterVin == null
                ? QueryConditional.keyEqualTo(key.build())
                : QueryConditional.sortGreaterThan(key.sortValue(afterVin).build());
        List<Listing> items = byDealer.query(QueryEnhancedRequest.builder()
                        .queryConditional(condition).limit(limit + 1).build())
                .stream()
                .flatMap(page -> page.items().stream())
                .limit(limit + 1L)
                .toList();
        boolean more = items.size() > limit;
        return new DealerSlice(more ? items.subList(0, limit) : items, more);
    }
}
