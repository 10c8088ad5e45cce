package dev.autocentric.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.autocentric.shared.dynamo.DynamoClients;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start floor: the least a Java function that reads DynamoDB does. One client built at
 * init with the functions' own settings ({@link DynamoClients}: UrlConnectionHttpClient, explicit
 * region and credentials, the endpoint override), then per invocation one consistent GetItem of a
 * Listings key, answering whether it was found. No framework, no JSON library of its own.
 */
public final class BaselineFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final DynamoDbClient DYNAMO = DynamoClients.create(DynamoClients.Settings.fromEnvironment());

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object vin = event == null ? null : event.get("vin");
        Map<String, AttributeValue> item = DYNAMO.getItem(b -> b.tableName(System.getenv("LISTINGS_TABLE"))
                .key(Map.of("vin", AttributeValue.fromS(vin == null ? "11111111111111111" : vin.toString())))
                .consistentRead(true)).item();
        return Map.of("found", item != null && !item.isEmpty());
    }
}
