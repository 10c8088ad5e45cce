package dev.autocentric.local.events;

import dev.autocentric.local.cfn.EventSource;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.InvocationResult.Outcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqsPollerTest {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:Jobs";
    private final List<Message> batch = List.of(message("m1", "one"), message("m2", "two"), message("m3", "three"));

    private static Message message(String id, String body) {
        return Message.builder().messageId(id).receiptHandle("rh-" + id).body(body).md5OfBody("md5")
                .attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1",
                        MessageSystemAttributeName.SENT_TIMESTAMP, "1795676400000"))
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("job").build()))
                .build();
    }

    private static SqsPoller poller(boolean reportFailures) {
        return new SqsPoller("Fn", new EventSource.Sqs("Work", QUEUE, 10, reportFailures), null, "url", e -> null, "us-east-1");
    }

    private static InvocationResult ok(String body) {
        return new InvocationResult(Outcome.SUCCESS, body.getBytes(StandardCharsets.UTF_8), "r", Duration.ZERO);
    }

    @Test
    void buildsLambdasSqsEvent() {
        var event = SqsEvents.event(batch, QUEUE, "us-east-1");
        var first = event.at("/Records/0");
        assertEquals("m1", first.get("messageId").asText());
        assertEquals("rh-m1", first.get("receiptHandle").asText());
        assertEquals("one", first.get("body").asText());
        assertEquals("1", first.at("/attributes/ApproximateReceiveCount").asText());
        assertEquals("1795676400000", first.at("/attributes/SentTimestamp").asText());
        assertEquals("job", first.at("/messageAttributes/kind/stringValue").asText());
        assertEquals("String", first.at("/messageAttributes/kind/dataType").asText());
        assertEquals("aws:sqs", first.get("eventSource").asText());
        assertEquals(QUEUE, first.get("eventSourceARN").asText());
        assertEquals("us-east-1", first.get("awsRegion").asText());
        assertEquals(3, event.get("Records").size());
    }

    @Test
    void aFailedInvocationLeavesTheWholeBatch() {
        var failed = new InvocationResult(Outcome.FUNCTION_ERROR, "{}".getBytes(), "r", Duration.ZERO);
        assertEquals(Set.of("m1", "m2", "m3"), poller(true).failedMessageIds(failed, batch));
    }

    @Test
    void reportedItemFailuresLeaveOnlyThoseMessages() {
        var response = ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}");
        assertEquals(Set.of("m2"), poller(true).failedMessageIds(response, batch));
        assertEquals(Set.of(), poller(false).failedMessageIds(response, batch), "ignored unless the mapping reports them");
        assertEquals(Set.of(), poller(true).failedMessageIds(ok("{\"batchItemFailures\":[]}"), batch));
        assertEquals(Set.of("m1", "m2", "m3"),
                poller(true).failedMessageIds(ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"zz\"}]}"), batch));
    }
}
