package dev.autocentric.routing;

import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.dealer.Network;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.http.testing.GatewayCalls;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The routing function as Lambda runs it ({@link APIGatewayV2HTTPEventFunction} over an
 * application context), against the emulator with tables of its own, fed real payload 2.0 events.
 * Dealers are written with the same repository (and table schema) the enrolment route uses.
 */
final class RoutingApi implements AutoCloseable {

    final LocalAws aws = LocalAws.shared();
    final String dealersTable;
    final DealerRepository dealers;
    final ApplicationContext context;
    final GatewayCalls calls;

    RoutingApi(String testName) {
        String prefix = "t" + testName + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> tables = aws.createTables(prefix);
        dealersTable = tables.get("DealersTable");
        dealers = new DealerRepository(aws.dynamo(), dealersTable);
        Map<String, Object> properties = new HashMap<>();
        properties.put("dealers.table", dealersTable);
        // tests enrol dealers after the function starts (and loads the index during init): reload on every request
        properties.put("delivery.points.refresh.seconds", 0);
        properties.put("aws.endpoint.url", aws.endpoint().toString());
        properties.put("aws.region", aws.region());
        properties.put("autocentric.aws.access-key-id", "test");
        properties.put("autocentric.aws.secret-access-key", "test");
        context = ApplicationContext.builder().properties(properties).start();
        calls = new GatewayCalls(new APIGatewayV2HTTPEventFunction(context));
    }

    /** Stores a dealer as the enrolment does (credential hashed), and answers it. */
    Dealer enrol(String dealerId, boolean deliveryPoint, String city, String state, String zip, double lat, double lon) {
        DealerCredentials.Issued credential = DealerCredentials.issue(dealerId);
        Dealer dealer = new Dealer(dealerId, city + (deliveryPoint ? " Chevrolet" : " Ford"),
                deliveryPoint ? List.of("Chevrolet") : List.of("Ford"), deliveryPoint ? Network.GM : Network.OTHER,
                deliveryPoint, "1 Main St", city, state, zip, lat, lon, credential.salt(), credential.hash(),
                Instant.parse("2026-11-01T10:00:00Z"));
        dealers.create(dealer);
        return dealer;
    }

    GatewayCalls.Response get(String pathAndQuery) {
        return send("GET", pathAndQuery);
    }

    GatewayCalls.Response send(String method, String pathAndQuery) {
        return calls.send(method, pathAndQuery, Map.of(), null);
    }

    @Override
    public void close() {
        context.close();
    }
}
