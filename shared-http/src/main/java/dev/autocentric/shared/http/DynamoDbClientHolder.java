package dev.autocentric.shared.http;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The container's one DynamoDB client as a bean of our own type, so Micronaut's AWS modules
 * (which may define their own DynamoDbClient bean) never compete with it.
 */
public record DynamoDbClientHolder(DynamoDbClient client) implements AutoCloseable {

    @Override
    public void close() {
        client.close();
    }
}
