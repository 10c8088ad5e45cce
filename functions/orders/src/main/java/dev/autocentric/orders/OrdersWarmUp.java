package dev.autocentric.orders;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.http.ColdStartWarmUp;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * On the early thread: the placement path's own work (parsing and validating an order body, which
 * loads the ZIP centroids, VIN rules and patterns), the tables' schemas and enhanced-client
 * classes, and a problem answer's JSON. Order ids are drawn from a SecureRandom at request time,
 * never here, so restored snapshots do not share them.
 */
public final class OrdersWarmUp implements ColdStartWarmUp {

    /** An order body of the shape buyers send, for warming the parser. */
    static final String SAMPLE_ORDER = """
            {"vin": "1G1ZD5ST1LF012345", "quoteId": "q1.priming.priming",
             "buyer": {"name": "Priming", "email": "priming@example.com", "phone": "+1 313 555 0100", "zip": "48226"}}
            """;

    @Override
    public void warm(DynamoDbClient client) {
        // the tables first: init itself needs them (the factory builds the repositories); then the first order's parse
        new ListingRepository(client, "warm-up");
        new DealerRepository(client, "warm-up");
        try {
            PlaceOrderRequest.parse(Json.tree(SAMPLE_ORDER));
        } catch (Exception e) {
            // warming is an optimisation: the first order parses as usual
        }
        Json.write(Problem.notFound("warm-up"));
    }
}
