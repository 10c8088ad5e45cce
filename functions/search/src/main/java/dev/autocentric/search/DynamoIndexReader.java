package dev.autocentric.search;

import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.listing.Listing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link IndexReader} over the Listings table's search indexes: one Query per read, with the
 * sort-key range as {@code BETWEEN} and no filter expression (every filter is applied by the
 * caller, so ScannedCount equals Count and items read are counted exactly). A read is complete
 * only when DynamoDB gave no LastEvaluatedKey and fewer items than asked: moto omits the key when a
 * page ends exactly at the limit, and DynamoDB may stop early at 1 MB, so neither alone is trusted.
 */
public final class DynamoIndexReader implements IndexReader {

    private final DynamoDbClient client;
    private final String table;

    public DynamoIndexReader(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Chunk read(Range range, String lo, String hi, boolean forward, int limit) {
        QueryResponse response = client.query(q -> q.tableName(table).indexName(range.index())
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                .expressionAttributeNames(Map.of("#pk", range.pkAttribute(), "#sk", range.skAttribute()))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(range.pk()),
                        ":lo", AttributeValue.fromS(lo), ":hi", AttributeValue.fromS(hi)))
                .scanIndexForward(forward).limit(limit));
        List<Listing> items = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            items.add(ListingTableSchema.SCHEMA.mapToItem(item));
        }
        boolean complete = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
        int scanned = response.scannedCount() == null ? items.size() : response.scannedCount();
        return new Chunk(items, scanned, complete && items.size() < limit);
    }
}
