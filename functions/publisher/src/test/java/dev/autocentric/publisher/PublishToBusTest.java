package dev.autocentric.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.events.StreamEvents;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The publisher against the emulator: real table writes read back from the real stream, events
 * put on the template's bus and observed through a tap queue (a rule with an SQS target).
 */
class PublishToBusTest {
    static Deployment aws;
    static String bus;
    static String tap;

    @BeforeAll
    static void deploy() {
        aws = LocalAws.shared().deploy("publisher-it-");
        bus = aws.physicalName("EventBus");
        tap = aws.sqs().createQueue(q -> q.queueName("publisher-it-tap")).queueUrl();
        String tapArn = aws.sqs().getQueueAttributes(g -> g.queueUrl(tap).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.events().putRule(r -> r.name("publisher-it-tap").eventBusName(bus)
                .eventPattern("{\"source\":[{\"prefix\":\"autocentric.\"}]}"));
        aws.events().putTargets(t -> t.rule("publisher-it-tap").eventBusName(bus)
                .targets(x -> x.id("tap").arn(tapArn)));
    }

    /** Everything on the tap queue now (each event once: EventBridge delivers at least once, moto exactly once). */
    static List<JsonNode> drainTap() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> got = aws.sqs().receiveMessage(r -> r.queueUrl(tap).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (got.isEmpty()) {
                return out;
            }
            for (Message m : got) {
                out.add(Json.tree(m.body()));
                aws.sqs().deleteMessage(d -> d.queueUrl(tap).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static PublisherFunction function(EventPublisher.PutEvents put) {
        String table = aws.physicalName("ListingsTable");
        return new PublisherFunction(Map.of(table, new ListingEventMapper()),
                new EventPublisher(put, bus, 3, Duration.ofMillis(1), d -> { }));
    }

    private static List<Record> streamRecords() {
        String arn = aws.streamArn("ListingsTable");
        List<Record> all = new ArrayList<>();
        for (var shard : aws.streams().describeStream(d -> d.streamArn(arn)).streamDescription().shards()) {
            String it = aws.streams().getShardIterator(g -> g.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            all.addAll(aws.streams().getRecords(g -> g.shardIterator(it)).records());
        }
        return all;
    }

    @Test
    void committedWritesYieldOneEventEachAndAFailedConditionalWriteNone() throws Exception {
        String table = aws.physicalName("ListingsTable");
        Map<String, AttributeValue> listed = Records.attributes(Records.listing());
        aws.dynamo().putItem(p -> p.tableName(table).item(listed));
        aws.dynamo().updateItem(u -> u.tableName(table).key(Map.of("vin", listed.get("vin")))
                .updateExpression("SET ePriceCents = :p, version = :v2")
                .conditionExpression("version = :v1")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromN("2699900"),
                        ":v1", AttributeValue.fromN("1"), ":v2", AttributeValue.fromN("2"))));
        assertThrows(ConditionalCheckFailedException.class, () ->
                aws.dynamo().updateItem(u -> u.tableName(table).key(Map.of("vin", listed.get("vin")))
                        .updateExpression("SET ePriceCents = :p").conditionExpression("version = :stale")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromN("1"),
                                ":stale", AttributeValue.fromN("1")))));
        // a version bump alone is not a change of the listing
        aws.dynamo().updateItem(u -> u.tableName(table).key(Map.of("vin", listed.get("vin")))
                .updateExpression("SET version = :v3").expressionAttributeValues(Map.of(":v3", AttributeValue.fromN("3"))));

        ObjectNode event = StreamEvents.event(streamRecords(), aws.streamArn("ListingsTable"), aws.region());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function(aws.events()::putEvents).handleRequest(new ByteArrayInputStream(Json.write(event).getBytes()), out, null);

        List<JsonNode> onBus = drainTap();
        assertEquals(List.of("ListingPublished", "ListingPriceChanged"),
                onBus.stream().map(e -> e.path("detail-type").asText()).toList());
        for (JsonNode e : onBus) {
            assertEquals(Set.of(), EventSchemas.violations(e), e.toString());
        }
        assertEquals(2749900L, onBus.get(1).path("detail").path("data").path("previousEPriceCents").asLong());
    }

    @Test
    void entriesTheBusRejectsAreRetriedAloneUntilAccepted() throws Exception {
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(new ListingEventMapper().map(Records.record("retry-" + i, null,
                    Records.with(Records.listing(), "vin", String.format("1G1ZD5ST1LF%06d", i)))).orElseThrow());
        }
        List<Integer> requestSizes = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        EventPublisher.PutEvents flaky = request -> {
            requestSizes.add(request.entries().size());
            List<PutEventsRequestEntry> entries = new ArrayList<>(request.entries());
            if (calls.getAndIncrement() % 2 == 0) {
                // the first try of each batch: its 4th entry is malformed, which the bus rejects alone
                int bad = Math.min(3, entries.size() - 1);
                entries.set(bad, entries.get(bad).toBuilder().detail("not json").build());
            }
            return aws.events().putEvents(PutEventsRequest.builder().entries(entries).build());
        };
        new EventPublisher(flaky, bus, 3, Duration.ofMillis(1), d -> { }).publish(events);

        assertEquals(List.of(10, 1, 2, 1), requestSizes, "batches of 10, then only the failed entry");
        List<String> ids = drainTap().stream().map(e -> e.path("detail").path("eventId").asText()).sorted().toList();
        assertEquals(events.stream().map(DomainEvent::eventId).sorted().toList(), ids, "each event on the bus once");
    }

    @Test
    void anEntryThatNeverGoesThroughFailsTheBatch() throws Exception {
        DomainEvent e = new ListingEventMapper().map(Records.record("doomed", null, Records.listing())).orElseThrow();
        AtomicInteger calls = new AtomicInteger();
        EventPublisher.PutEvents broken = request -> {
            calls.incrementAndGet();
            return aws.events().putEvents(PutEventsRequest.builder().entries(request.entries().stream()
                    .map(x -> x.toBuilder().detail("not json").build()).toList()).build());
        };
        assertThrows(EventPublisher.PublishFailedException.class,
                () -> new EventPublisher(broken, bus, 3, Duration.ofMillis(1), d -> { }).publish(List.of(e)));
        assertEquals(3, calls.get());
        assertTrue(drainTap().isEmpty());
    }
}
