package dev.autocentric.listing;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.http.ColdStartWarmUp;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** On the early thread: the tables' schemas and enhanced-client classes, and a problem answer's JSON. */
public final class ListingWarmUp implements ColdStartWarmUp {

    @Override
    public void warm(DynamoDbClient client) {
        new ListingRepository(client, "warm-up");
        new DealerRepository(client, "warm-up");
        new MarketStatsRepository(client, "warm-up");
        Json.write(Problem.notFound("warm-up"));
    }
}
