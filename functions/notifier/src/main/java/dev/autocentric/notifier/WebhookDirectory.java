package dev.autocentric.notifier;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a dealer's webhook from its Dealers item: {@code webhookUrl}, {@code webhookFormat}
 * ({@code json} or {@code adf}) and {@code webhookSecret}, written by the listing function's
 * {@code PUT /v1/dealers/{dealerId}/webhook}. One GetItem of those attributes only.
 */
public final class WebhookDirectory {
    private final DynamoDbClient dynamo;
    private final String dealersTable;

    public WebhookDirectory(DynamoDbClient dynamo, String dealersTable) {
        this.dynamo = dynamo;
        this.dealersTable = dealersTable;
    }

    public Optional<Webhook> find(String dealerId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(dealersTable)
                .key(Map.of("dealerId", AttributeValue.fromS(dealerId)))
                .projectionExpression("webhookUrl, webhookFormat, webhookSecret, #name")
                .expressionAttributeNames(Map.of("#name", "name"))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("webhookUrl") || !item.containsKey("webhookSecret")) {
            return Optional.empty();
        }
        Webhook.Format format = "adf".equalsIgnoreCase(item.getOrDefault("webhookFormat", AttributeValue.fromS("json")).s())
                ? Webhook.Format.ADF : Webhook.Format.JSON;
        String name = item.containsKey("name") ? item.get("name").s() : dealerId;
        return Optional.of(new Webhook(dealerId, name, item.get("webhookUrl").s(), format, item.get("webhookSecret").s()));
    }
}
