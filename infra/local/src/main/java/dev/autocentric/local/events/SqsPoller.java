package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.Json;
import dev.autocentric.local.cfn.EventSource;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.Invoker;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SQS event source mapping: long-polls the queue, invokes the function with up to BatchSize
 * messages, deletes what succeeded. A failed message stays on the queue: it comes back after the
 * queue's visibility timeout, and the queue's redrive policy (which moto applies on receive)
 * moves it to the dead-letter queue after maxReceiveCount receives.
 */
public final class SqsPoller extends PollingLoop {

    private final EventSource.Sqs source;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Invoker function;
    private final String region;
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public SqsPoller(String functionName, EventSource.Sqs source, SqsClient sqs, String queueUrl, Invoker function,
                     String region) {
        super("sqs:" + functionName + ":" + source.name(), Duration.ZERO);
        this.source = source;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
        this.region = region;
    }

    /** Messages processed and deleted. */
    public long deleted() {
        return deleted.get();
    }

    /** Message deliveries that failed (a message retried three times counts three). */
    public long failed() {
        return failed.get();
    }

    @Override
    protected boolean pollOnce() {
        List<Message> batch = receive();
        if (batch.isEmpty()) {
            return false;
        }
        InvocationResult result = function.invoke(Json.bytes(SqsEvents.event(batch, source.queueArn(), region)));
        Set<String> failedIds = failedMessageIds(result, batch);
        var done = batch.stream().filter(m -> !failedIds.contains(m.messageId())).toList();
        failed.addAndGet(failedIds.size());
        if (!result.succeeded()) {
            System.err.println("[" + name() + "] batch of " + batch.size() + " failed, left for redelivery: " + result);
        }
        delete(done);
        return true;
    }

    private List<Message> receive() {
        var batch = new ArrayList<Message>();
        int wait = 1;
        while (batch.size() < source.batchSize() && running()) {
            int want = Math.min(10, source.batchSize() - batch.size());
            int waitSeconds = wait;
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                break;
            }
            batch.addAll(messages);
            wait = 0;
        }
        return batch;
    }

    /** All of the batch when the invocation failed; else the {@code batchItemFailures} it reported. */
    Set<String> failedMessageIds(InvocationResult result, List<Message> batch) {
        var all = new HashSet<String>();
        batch.forEach(m -> all.add(m.messageId()));
        if (!result.succeeded()) {
            return all;
        }
        if (!source.reportBatchItemFailures()) {
            return Set.of();
        }
        JsonNode response = result.payloadJson();
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Set.of();
        }
        if (!failures.isArray()) {
            return all;
        }
        var ids = new HashSet<String>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (!all.contains(id)) {
                // an identifier Lambda cannot match fails the whole batch
                return all;
            }
            ids.add(id);
        }
        return ids;
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            var entries = new ArrayList<DeleteMessageBatchRequestEntry>();
            var chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            deleted.addAndGet(chunk.size());
        }
    }
}
