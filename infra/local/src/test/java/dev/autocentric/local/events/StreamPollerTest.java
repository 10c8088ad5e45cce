package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.Json;
import dev.autocentric.local.cfn.EventSource;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.InvocationResult.Outcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The delivery rules of a stream mapping, with a scripted function instead of a JVM. */
class StreamPollerTest {

    private final List<List<String>> invocations = new ArrayList<>();

    private static List<Record> records(String... sequences) {
        var out = new ArrayList<Record>();
        for (String s : sequences) {
            out.add(StreamEventsTest.record(s, OperationType.INSERT, Map.of("vin", AttributeValue.fromS(s)), null));
        }
        return out;
    }

    private StreamPoller poller(int retries, boolean bisect, boolean reportFailures,
                                Function<List<String>, InvocationResult> function) {
        var source = new EventSource.DynamoDbStream("Stream", StreamEventsTest.STREAM, "TRIM_HORIZON", 100,
                retries, bisect, null, reportFailures);
        return new StreamPoller("Fn", source, null, null, event -> {
            JsonNode json = Json.parse(event);
            var sequences = new ArrayList<String>();
            json.get("Records").forEach(r -> sequences.add(r.at("/dynamodb/SequenceNumber").asText()));
            invocations.add(sequences);
            return function.apply(sequences);
        }, "arn:aws:lambda:us-east-1:123456789012:function:Fn", "us-east-1", arn -> "unused");
    }

    private static InvocationResult ok(String body) {
        return new InvocationResult(Outcome.SUCCESS, body.getBytes(StandardCharsets.UTF_8), "r", Duration.ZERO);
    }

    private static InvocationResult error() {
        return new InvocationResult(Outcome.FUNCTION_ERROR, "{\"errorType\":\"Boom\"}".getBytes(StandardCharsets.UTF_8),
                "r", Duration.ZERO);
    }

    @Test
    void aSuccessfulBatchIsOneInvocation() {
        var poller = poller(2, false, false, batch -> ok("null"));
        poller.deliver("shard-1", records("1", "2", "3"));
        assertEquals(List.of(List.of("1", "2", "3")), invocations);
        assertEquals(3, poller.delivered());
    }

    @Test
    void aFailingBatchIsRetriedThenGivenUp() {
        var poller = poller(2, false, false, batch -> error());
        poller.deliver("shard-1", records("1", "2"));
        assertEquals(3, invocations.size(), "the first try and two retries");
        assertEquals(0, poller.delivered());
    }

    @Test
    void bisectingIsolatesThePoisonRecord() {
        var poller = poller(0, true, false, batch -> batch.contains("3") ? error() : ok("{}"));
        poller.deliver("shard-1", records("1", "2", "3", "4"));
        assertEquals(List.of(List.of("1", "2", "3", "4"), List.of("1", "2"), List.of("3", "4"), List.of("3"), List.of("4")),
                invocations);
        assertEquals(3, poller.delivered());
    }

    @Test
    void reportedItemFailuresAreRetriedFromTheFirstFailedRecord() {
        var poller = poller(1, false, true, batch -> batch.size() == 4
                ? ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"3\"}]}") : ok("{\"batchItemFailures\":[]}"));
        poller.deliver("shard-1", records("1", "2", "3", "4"));
        assertEquals(List.of(List.of("1", "2", "3", "4"), List.of("3", "4")), invocations);
        assertEquals(4, poller.delivered());
    }

    @Test
    void anUnknownItemIdentifierFailsTheWholeBatch() {
        var poller = poller(1, false, true, batch -> invocations.size() == 1
                ? ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"nope\"}]}") : ok("{}"));
        poller.deliver("shard-1", records("1", "2"));
        assertEquals(List.of(List.of("1", "2"), List.of("1", "2")), invocations);
    }

    @Test
    void theFailureRecordPointsAtTheBatch() {
        var poller = poller(0, false, false, batch -> error());
        JsonNode record = poller.failureRecord("shard-1", records("7", "9"), 1, error());
        assertEquals("RetryAttemptsExhausted", record.at("/requestContext/condition").asText());
        assertEquals(1, record.at("/requestContext/approximateInvokeCount").asInt());
        assertEquals("Unhandled", record.at("/responseContext/functionError").asText());
        assertEquals("7", record.at("/DDBStreamBatchInfo/startSequenceNumber").asText());
        assertEquals("9", record.at("/DDBStreamBatchInfo/endSequenceNumber").asText());
        assertEquals(2, record.at("/DDBStreamBatchInfo/batchSize").asInt());
        assertEquals(StreamEventsTest.STREAM, record.at("/DDBStreamBatchInfo/streamArn").asText());
    }
}
