package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.Json;
import dev.autocentric.local.cfn.EventSource;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.Invoker;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A DynamoDB stream event source mapping: reads each shard in order, invokes the function with
 * batches, and on failure retries, bisects and reports partial failures as configured; a batch
 * that exhausts its retries goes to the on-failure queue (as a pointer record, as on Lambda) and
 * the shard moves on.
 */
public final class StreamPoller extends PollingLoop {

    private static final Duration REDISCOVER = Duration.ofSeconds(10);

    private final EventSource.DynamoDbStream source;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final Invoker function;
    private final String functionArn;
    private final String region;
    private final Function<String, String> queueUrlForArn;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> seenShards = new HashSet<>();
    private Instant discovered = Instant.EPOCH;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong sentToFailureQueue = new AtomicLong();

    public StreamPoller(String functionName, EventSource.DynamoDbStream source, DynamoDbStreamsClient streams,
                        SqsClient sqs, Invoker function, String functionArn, String region,
                        Function<String, String> queueUrlForArn) {
        super("stream:" + functionName + ":" + source.name(), Duration.ofMillis(250));
        this.source = source;
        this.streams = streams;
        this.sqs = sqs;
        this.function = function;
        this.functionArn = functionArn;
        this.region = region;
        this.queueUrlForArn = queueUrlForArn;
    }

    /** Records the function took successfully. */
    public long delivered() {
        return delivered.get();
    }

    /** Records given up on and reported to the on-failure queue. */
    public long sentToFailureQueue() {
        return sentToFailureQueue.get();
    }

    /** Opens iterators for the shards there are now; run before {@link #start()} so LATEST means "from now". */
    public void discoverShards() {
        var description = streams.describeStream(b -> b.streamArn(source.streamArn())).streamDescription();
        for (Shard shard : description.shards()) {
            if (seenShards.add(shard.shardId())) {
                // a shard that appears later (a split) is read from its start, as Lambda does
                boolean first = discovered.equals(Instant.EPOCH);
                var type = first && "LATEST".equalsIgnoreCase(source.startingPosition())
                        ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
                String iterator = streams.getShardIterator(b -> b.streamArn(source.streamArn())
                        .shardId(shard.shardId()).shardIteratorType(type)).shardIterator();
                if (iterator != null) {
                    iterators.put(shard.shardId(), iterator);
                }
            }
        }
        discovered = Instant.now();
    }

    @Override
    protected boolean pollOnce() {
        if (iterators.isEmpty() || Instant.now().isAfter(discovered.plus(REDISCOVER))) {
            discoverShards();
        }
        boolean found = false;
        for (var shardId : List.copyOf(iterators.keySet())) {
            var response = streams.getRecords(b -> b.shardIterator(iterators.get(shardId))
                    .limit(Math.min(source.batchSize(), 1000)));
            if (response.nextShardIterator() == null) {
                iterators.remove(shardId);
            } else {
                iterators.put(shardId, response.nextShardIterator());
            }
            if (!response.records().isEmpty()) {
                found = true;
                deliver(shardId, response.records());
            }
        }
        return found;
    }

    /** Delivers one read, in order, retrying/bisecting until every record succeeded or was given up on. */
    void deliver(String shardId, List<Record> records) {
        Deque<List<Record>> work = new ArrayDeque<>();
        work.push(records);
        while (!work.isEmpty() && running()) {
            List<Record> batch = work.pop();
            int attempts = 0;
            while (running()) {
                attempts++;
                InvocationResult result = function.invoke(Json.bytes(StreamEvents.event(batch, source.streamArn(), region)));
                int firstFailed = firstFailedIndex(result, batch);
                if (firstFailed < 0) {
                    delivered.addAndGet(batch.size());
                    break;
                }
                delivered.addAndGet(firstFailed);
                batch = batch.subList(firstFailed, batch.size());
                if (source.bisectOnError() && batch.size() > 1) {
                    int half = batch.size() / 2;
                    work.push(batch.subList(half, batch.size()));
                    work.push(batch.subList(0, half));
                    break;
                }
                boolean retriesLeft = source.maximumRetryAttempts() < 0 || attempts <= source.maximumRetryAttempts();
                if (!retriesLeft) {
                    sendToFailureQueue(shardId, batch, attempts, result);
                    break;
                }
                pause(Duration.ofMillis(Math.min(2000, 100L << Math.min(attempts, 5))));
            }
        }
    }

    /**
     * -1 when the batch succeeded; else the index to retry from: 0 for a failed invocation, or the
     * first item the function reported in {@code batchItemFailures}.
     */
    int firstFailedIndex(InvocationResult result, List<Record> batch) {
        if (!result.succeeded()) {
            return 0;
        }
        if (!source.reportBatchItemFailures()) {
            return -1;
        }
        JsonNode response = result.payloadJson();
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return -1;
        }
        if (!failures.isArray()) {
            return 0;
        }
        int first = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            int index = indexOf(batch, id);
            // an identifier that is missing or not in the batch fails the whole batch, as on Lambda
            if (index < 0) {
                return 0;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private static int indexOf(List<Record> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    private void sendToFailureQueue(String shardId, List<Record> batch, int attempts, InvocationResult result) {
        System.err.println("[" + name() + "] giving up on " + batch.size() + " record(s) after " + attempts
                + " attempt(s): " + result);
        if (source.onFailureQueueArn() == null) {
            return;
        }
        String queueUrl = queueUrlForArn.apply(source.onFailureQueueArn());
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(failureRecord(shardId, batch, attempts, result))));
        sentToFailureQueue.addAndGet(batch.size());
    }

    /** Lambda's on-failure record for a stream batch: where the records are, not the records. */
    ObjectNode failureRecord(String shardId, List<Record> batch, int attempts, InvocationResult result) {
        var record = Json.object();
        record.putObject("requestContext")
                .put("requestId", UUID.randomUUID().toString())
                .put("functionArn", functionArn)
                .put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", attempts);
        var response = record.putObject("responseContext")
                .put("statusCode", 200)
                .put("executedVersion", "$LATEST");
        if (!result.succeeded()) {
            response.put("functionError", "Unhandled");
        }
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        var first = batch.getFirst().dynamodb();
        var last = batch.getLast().dynamodb();
        record.putObject("DDBStreamBatchInfo")
                .put("shardId", shardId)
                .put("startSequenceNumber", first.sequenceNumber())
                .put("endSequenceNumber", last.sequenceNumber())
                .put("approximateArrivalOfFirstRecord", String.valueOf(first.approximateCreationDateTime()))
                .put("approximateArrivalOfLastRecord", String.valueOf(last.approximateCreationDateTime()))
                .put("batchSize", batch.size())
                .put("streamArn", source.streamArn());
        return record;
    }

}
