package dev.autocentric.orders;

import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.dynamo.Transient;
import dev.autocentric.shared.listing.Listing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The Orders and Idempotency tables, and the writes that move an order and its listing together.
 * Every write is conditional; every read is a GetItem or a Query on an index key.
 *
 * <p>Placing an order is one TransactWriteItems of three puts, in this order: the listing
 * AVAILABLE → RESERVED (conditional on the version, owner and status that were read), the order
 * (conditional on its id being new), and the idempotency record (conditional on the key being
 * unused or expired). Either all three are written or none.
 */
public class OrderStore {

    /** Items of the place transaction, as indexed in a cancellation's reasons. */
    private static final int LISTING = 0;
    private static final int IDEMPOTENCY = 2;

    private final DynamoDbClient client;
    private final String ordersTable;
    private final String listingsTable;
    private final String idempotencyTable;

    public OrderStore(DynamoDbClient client, String ordersTable, String listingsTable, String idempotencyTable) {
        this.client = client;
        this.ordersTable = ordersTable;
        this.listingsTable = listingsTable;
        this.idempotencyTable = idempotencyTable;
    }

    /** The first answer to an Idempotency-Key, kept until {@code expiresAt}. */
    public record IdempotencyRecord(String key, String requestHash, String orderId, int status, String response,
                                    Instant createdAt, Instant expiresAt) {
    }

    public enum PlaceOutcome {
        PLACED,
        /** The Idempotency-Key was used first by another request: read its record. */
        KEY_TAKEN,
        /** The listing is no longer the one read (reserved by another order, changed, withdrawn). */
        LISTING_CHANGED,
        /** Another transaction on the same items was in flight: try again. */
        CONFLICT
    }

    /** A page of a dealer's orders in index order and whether more follow. */
    public record Slice(List<Order> items, boolean more) {
    }

    public Optional<Order> get(String orderId) {
        Map<String, AttributeValue> item = Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> client.getItem(b -> b
                .tableName(ordersTable).key(Map.of("orderId", AttributeValue.fromS(orderId))).consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.fromItem(item));
    }

    /** The record of a key, unless there is none or it has expired (TTL deletes lazily, or never locally). */
    public Optional<IdempotencyRecord> idempotency(String key, Instant now) {
        Map<String, AttributeValue> item = Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> client.getItem(b -> b
                .tableName(idempotencyTable).key(Map.of("idempotencyKey", AttributeValue.fromS(key)))
                .consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n()));
        if (!expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new IdempotencyRecord(key, item.get("requestHash").s(), item.get("orderId").s(),
                Integer.parseInt(item.get("status").n()), item.get("response").s(),
                Instant.parse(item.get("createdAt").s()), expiresAt));
    }

    public PlaceOutcome place(Listing reserved, Listing expected, Order order, IdempotencyRecord record) {
        Map<String, AttributeValue> idem = new HashMap<>();
        idem.put("idempotencyKey", AttributeValue.fromS(record.key()));
        idem.put("requestHash", AttributeValue.fromS(record.requestHash()));
        idem.put("orderId", AttributeValue.fromS(record.orderId()));
        idem.put("status", AttributeValue.fromN(Integer.toString(record.status())));
        idem.put("response", AttributeValue.fromS(record.response()));
        idem.put("createdAt", AttributeValue.fromS(OrderItems.time(record.createdAt())));
        idem.put("expiresAt", AttributeValue.fromN(Long.toString(record.expiresAt().getEpochSecond())));
        List<TransactWriteItem> items = List.of(
                listingPut(reserved, expected),
                TransactWriteItem.builder().put(Put.builder().tableName(ordersTable).item(OrderItems.toItem(order))
                        .conditionExpression("attribute_not_exists(orderId)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(idempotencyTable).item(idem)
                        .conditionExpression("attribute_not_exists(idempotencyKey) OR expiresAt <= :now")
                        .expressionAttributeValues(Map.of(":now",
                                AttributeValue.fromN(Long.toString(record.createdAt().getEpochSecond()))))
                        .build()).build());
        try {
            transact(items);
            return PlaceOutcome.PLACED;
        } catch (TransactionCanceledException e) {
            List<String> codes = codes(e);
            if (failed(codes, IDEMPOTENCY)) {
                return PlaceOutcome.KEY_TAKEN;
            }
            if (failed(codes, LISTING)) {
                return PlaceOutcome.LISTING_CHANGED;
            }
            if (codes.contains("TransactionConflict")) {
                return PlaceOutcome.CONFLICT;
            }
            throw e;
        }
    }

    /**
     * Writes {@code next} over {@code expected} and, when {@code listingNext} is given, the listing
     * over {@code listingExpected} in the same transaction. Answers false, having written nothing,
     * when either is no longer what was read.
     */
    public boolean transition(Order next, Order expected, Listing listingNext, Listing listingExpected) {
        Put orderPut = Put.builder().tableName(ordersTable).item(OrderItems.toItem(next))
                .conditionExpression("#version = :version AND #status = :status")
                .expressionAttributeNames(Map.of("#version", "version", "#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":version", AttributeValue.fromN(Long.toString(expected.version())),
                        ":status", AttributeValue.fromS(expected.status().name())))
                .build();
        if (listingNext == null) {
            try {
                Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> client.putItem(b -> b.tableName(orderPut.tableName())
                        .item(orderPut.item()).conditionExpression(orderPut.conditionExpression())
                        .expressionAttributeNames(orderPut.expressionAttributeNames())
                        .expressionAttributeValues(orderPut.expressionAttributeValues())));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
        try {
            transact(List.of(listingPut(listingNext, listingExpected), TransactWriteItem.builder().put(orderPut).build()));
            return true;
        } catch (TransactionCanceledException e) {
            List<String> codes = codes(e);
            if (codes.contains("ConditionalCheckFailed") || codes.contains("TransactionConflict")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * One page of a dealer's orders from {@code index} ({@link OrderItems#BY_SELLER} or
     * {@link OrderItems#BY_DELIVERY}) in {@code statusKey} order: keys after {@code afterKey}
     * (null: from the first) and, when {@code status} is given, only that status. Asks for
     * {@code limit + 1} items so "more follow" never depends on LastEvaluatedKey.
     */
    public Slice byDealer(String index, String dealerId, OrderStatus status, String afterKey, int limit) {
        String partition = OrderItems.BY_SELLER.equals(index) ? "sellingDealerId" : "deliveryDealerId";
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":d", AttributeValue.fromS(dealerId));
        String condition;
        if (status != null) {
            // keys of one status have one length, so lastKey + "!" sorts after lastKey and before its successors
            values.put(":lo", AttributeValue.fromS(afterKey != null ? afterKey + "!" : status.name() + "#"));
            values.put(":hi", AttributeValue.fromS(status.name() + "#~"));
            condition = "#p = :d AND statusKey BETWEEN :lo AND :hi";
        } else if (afterKey != null) {
            values.put(":after", AttributeValue.fromS(afterKey));
            condition = "#p = :d AND statusKey > :after";
        } else {
            condition = "#p = :d";
        }
        List<Order> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryRequest request = QueryRequest.builder().tableName(ordersTable).indexName(index)
                    .keyConditionExpression(condition).expressionAttributeNames(Map.of("#p", partition))
                    .expressionAttributeValues(values).limit(limit + 1 - found.size())
                    .exclusiveStartKey(exclusiveStart).build();
            QueryResponse response = Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> client.query(request));
            response.items().forEach(item -> found.add(OrderItems.fromItem(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && found.size() <= limit);
        boolean more = found.size() > limit;
        return new Slice(more ? found.subList(0, limit) : found, more);
    }

    /** Up to {@code limit} orders still PLACED whose hold ended at or before {@code now}, earliest first. */
    public List<Order> dueForExpiry(Instant now, int limit) {
        Map<String, AttributeValue> values = Map.of(
                ":p", AttributeValue.fromS(OrderItems.PENDING),
                ":due", AttributeValue.fromS(OrderItems.time(now) + "#~"));
        List<Order> due = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryRequest request = QueryRequest.builder().tableName(ordersTable)
                    .indexName(OrderItems.PENDING_BY_EXPIRY)
                    .keyConditionExpression("pendingPartition = :p AND holdExpiresKey <= :due")
                    .expressionAttributeValues(values).limit(limit - due.size())
                    .exclusiveStartKey(exclusiveStart).build();
            QueryResponse response = Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> client.query(request));
            response.items().forEach(item -> due.add(OrderItems.fromItem(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && due.size() < limit);
        return due;
    }

    private TransactWriteItem listingPut(Listing next, Listing expected) {
        Expression condition = ListingRepository.replaceCondition(expected);
        Map<String, AttributeValue> values = new HashMap<>(condition.expressionValues());
        return TransactWriteItem.builder().put(Put.builder().tableName(listingsTable)
                .item(ListingTableSchema.SCHEMA.itemToMap(next, true))
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.expressionNames())
                .expressionAttributeValues(values).build()).build();
    }

    private void transact(List<TransactWriteItem> items) {
        Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> client.transactWriteItems(b -> b.transactItems(items)));
    }

    private static List<String> codes(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return List.of();
        }
        return e.cancellationReasons().stream().map(CancellationReason::code).toList();
    }

    private static boolean failed(List<String> codes, int index) {
        return codes.size() > index && "ConditionalCheckFailed".equals(codes.get(index));
    }
}
