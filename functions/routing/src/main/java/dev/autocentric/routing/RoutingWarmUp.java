package dev.autocentric.routing;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.http.ColdStartWarmUp;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** On the early thread: the Dealers table's schema and enhanced-client classes, and a problem answer's JSON. */
public final class RoutingWarmUp implements ColdStartWarmUp {

    @Override
    public void warm(DynamoDbClient client) {
        new DealerRepository(client, "warm-up");
        Json.write(Problem.notFound("warm-up"));
    }
}
