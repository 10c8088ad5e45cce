package dev.autocentric.shared.http;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A function's share of {@link EarlyInit}'s second thread: run once the DynamoDB client is built,
 * while Micronaut is still starting on the first, so the classes of the function's tables and
 * request path are loaded off the init's critical path. Found by ServiceLoader
 * ({@code META-INF/services/dev.autocentric.shared.http.ColdStartWarmUp} in the function). It must
 * stay local: no requests, nothing random or secret, since a SnapStart snapshot keeps what it did.
 */
public interface ColdStartWarmUp {

    /** Loads and initialises what the function will need; {@code client} is the early client (not to be called). */
    void warm(DynamoDbClient client);
}
