package dev.autocentric.pricing;

import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.dynamo.Transient;
import dev.autocentric.shared.listing.Listing;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The PriceHistory table (key {@code vin}, sort key {@code version}) and the one write that
 * changes an e-price: the new listing and its history entry in a single TransactWriteItems, the
 * listing conditional on the version, owner and status that were read, so a price is never
 * changed without its history entry, nor recorded without the change.
 */
public class PriceHistoryRepository {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<PriceChange> history;
    private final DynamoDbTable<Listing> listings;

    public PriceHistoryRepository(DynamoDbClient client, String historyTable, String listingsTable) {
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.history = enhanced.table(historyTable, PriceHistoryTableSchema.SCHEMA);
        this.listings = enhanced.table(listingsTable, ListingTableSchema.SCHEMA);
    }

    /** One page of a VIN's history, newest first, and whether more follow. */
    public record Slice(List<PriceChange> items, boolean more) {
    }

    /**
     * Writes {@code next} over {@code expected} and records {@code change}, atomically. Answers
     * false, having written nothing, when the listing is no longer {@code expected}.
     */
    public boolean commitPriceChange(Listing next, Listing expected, PriceChange change) {
        TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(listings, TransactPutItemEnhancedRequest.builder(Listing.class).item(next)
                        .conditionExpression(ListingRepository.replaceCondition(expected)).build())
                .addPutItem(history, TransactPutItemEnhancedRequest.builder(PriceChange.class).item(change)
                        .conditionExpression(absent()).build())
                .build();
        try {
            Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> {
                enhanced.transactWriteItems(request);
                return null;
            });
            return true;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
                    .anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw e;
        }
    }

    /** Records an entry unless the version already has one (the stream replays; the price route got there first). */
    public void recordIfAbsent(PriceChange change) {
        try {
            Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> {
                history.putItem(PutItemEnhancedRequest.builder(PriceChange.class).item(change)
                        .conditionExpression(absent()).build());
                return null;
            });
        } catch (ConditionalCheckFailedException already) {
            // the entry of this version is there: nothing to do
        }
    }

    /**
     * A page of the history, newest first, of versions below {@code beforeVersion} (null: from
     * the newest). Asks for {@code limit + 1} so "more follow" never depends on LastEvaluatedKey.
     */
    public Slice page(String vin, Long beforeVersion, int limit) {
        Key.Builder key = Key.builder().partitionValue(vin);
        QueryConditional condition = beforeVersion == null
                ? QueryConditional.keyEqualTo(key.build())
                : QueryConditional.sortLessThan(key.sortValue(beforeVersion).build());
        List<PriceChange> items = history.query(QueryEnhancedRequest.builder().queryConditional(condition)
                        .scanIndexForward(false).limit(limit + 1).build())
                .items().stream().limit(limit + 1L).toList();
        boolean more = items.size() > limit;
        return new Slice(more ? items.subList(0, limit) : items, more);
    }

    private static Expression absent() {
        return Expression.builder().expression("attribute_not_exists(#vin)").putExpressionName("#vin", "vin").build();
    }
}
