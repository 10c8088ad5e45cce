package dev.autocentric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.local.testkit.MovableClock;
import dev.autocentric.shared.routing.DynamoDeliveryNetwork;
import dev.autocentric.shared.routing.InvalidZipException;
import dev.autocentric.shared.routing.NearbyDealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB-backed network: the sparse index, one load per refresh period, counted reads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDeliveryNetworkTest {

    static final Instant START = Instant.parse("2026-11-26T08:00:00Z");

    RoutingApi api;

    @BeforeAll
    void start() {
        api = new RoutingApi("Network");
        api.enrol("dlr-detroit", true, "Detroit", "MI", "48226", 42.33181, -83.05035);
        api.enrol("dlr-chicago", true, "Chicago", "IL", "60601", 41.88570, -87.62200);
        api.enrol("ford-dearborn", false, "Dearborn", "MI", "48126", 42.33, -83.18);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void onlyDeliveryPointsCarryTheSparseIndexKey() {
        Map<String, AttributeValue> gm = api.aws.dynamo().getItem(b -> b.tableName(api.dealersTable)
                .key(Map.of("dealerId", AttributeValue.fromS("dlr-detroit")))).item();
        Map<String, AttributeValue> other = api.aws.dynamo().getItem(b -> b.tableName(api.dealersTable)
                .key(Map.of("dealerId", AttributeValue.fromS("ford-dearborn")))).item();
        assertEquals("DP", gm.get("deliveryPointGroup").s());
        assertTrue(!other.containsKey("deliveryPointGroup"), other.toString());
        var indexed = api.aws.dynamo().query(b -> b.tableName(api.dealersTable).indexName("deliveryPoints")
                .keyConditionExpression("deliveryPointGroup = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("DP")))).items();
        assertEquals(2, indexed.size());
        assertTrue(indexed.stream().noneMatch(i -> i.containsKey("credentialHash")), "projection leaves secrets out");
    }

    @Test
    void loadsOncePerRefreshPeriodAndCountsItsReads() {
        MovableClock clock = new MovableClock(START);
        var network = new DynamoDeliveryNetwork(api.aws.dynamo(), api.dealersTable, clock, Duration.ofMinutes(5));
        assertEquals(0, network.queryRequests(), "nothing read before the first use");
        for (int i = 0; i < 100; i++) {
            assertEquals("dlr-detroit", network.nearestTo("48226").orElseThrow().dealer().dealerId());
        }
        assertEquals(1, network.loads());
        assertEquals(1, network.queryRequests(), "100 lookups, one Query page");
        assertEquals(2, network.points().size());

        api.enrol("dlr-dearborn", true, "Dearborn", "MI", "48126", 42.3, -83.2);
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertEquals(2, network.points().size(), "within 5 minutes the loaded index answers");
        assertEquals(1, network.queryRequests());

        clock.advance(Duration.ofSeconds(1));
        List<NearbyDealer> near = network.nearestTo("48126", 3);
        assertEquals("dlr-dearborn", near.get(0).dealer().dealerId(), "at 5 minutes the index is reloaded");
        assertEquals(2, network.loads());
        assertEquals(2, network.queryRequests());
        assertEquals(clock.instant(), network.loadedAt().orElseThrow());
        assertTrue(network.point("dlr-dearborn").isPresent());
        assertTrue(network.point("ford-dearborn").isEmpty(), "not a delivery point");
    }

    @Test
    void aLoadStartedDuringInitIsJoinedByTheFirstLookupNotRepeated() throws Exception {
        var network = new DynamoDeliveryNetwork(api.aws.dynamo(), api.dealersTable, new MovableClock(START));
        var started = network.startLoading();
        assertTrue(network.startLoading() == started, "one background load");
        assertTrue(network.nearestTo("60601", 1).get(0).dealer().dealerId().startsWith("dlr-chicago"));
        started.get();
        assertEquals(1, network.loads());
        assertEquals(1, network.queryRequests());
        network.startLoading().get();
        assertEquals(1, network.queryRequests(), "nothing more once loaded");
    }

    @Test
    void malformedAndUnknownZipsAreErrorsTheCallerMapsTo400() {
        var network = new DynamoDeliveryNetwork(api.aws.dynamo(), api.dealersTable, Clock.systemUTC());
        var malformed = assertThrows(InvalidZipException.class, () -> network.nearestTo("4822"));
        assertEquals(InvalidZipException.Reason.MALFORMED, malformed.reason());
        assertEquals(400, malformed.status());
        assertEquals("zip", malformed.problem().errors().get(0).field());
        var unknown = assertThrows(InvalidZipException.class, () -> network.nearestTo("00000", 5));
        assertEquals(InvalidZipException.Reason.UNKNOWN, unknown.reason());
        assertThrows(InvalidZipException.class, () -> network.nearestTo(null));
        assertEquals(0, network.queryRequests(), "a bad ZIP reads nothing");
    }
}
