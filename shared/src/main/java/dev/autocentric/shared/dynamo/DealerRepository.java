package dev.autocentric.shared.dynamo;

import dev.autocentric.shared.dealer.Dealer;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Dealers table access. */
public class DealerRepository {

    private final DynamoDbTable<Dealer> table;

    public DealerRepository(DynamoDbClient client, String tableName) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build()
                .table(tableName, DealerTableSchema.SCHEMA);
    }

    public Optional<Dealer> get(String dealerId) {
        return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(dealerId).build()).consistentRead(true).build()));
    }

    /** Puts a new dealer; fails with ConditionalCheckFailedException when the id is taken. */
    public void create(Dealer dealer) {
        table.putItem(PutItemEnhancedRequest.builder(Dealer.class).item(dealer)
                .conditionExpression(createCondition()).build());
    }

    public static Expression createCondition() {
        return Expression.builder().expression("attribute_not_exists(#id)")
                .putExpressionName("#id", "dealerId").build();
    }
}
