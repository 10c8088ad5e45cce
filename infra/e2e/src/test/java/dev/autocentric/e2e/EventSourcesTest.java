package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autocentric.local.LocalRuntime;
import dev.autocentric.local.Options;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Each event source of the local runtime delivering to a real function JVM: small recording
 * functions (infra/e2e's Recorder) are deployed from a test-only template and the test reads what
 * they received.
 */
class EventSourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static Path records;
    static LocalRuntime runtime;
    static Deployment aws;

    @BeforeAll
    static void start() throws Exception {
        records = Files.createDirectories(work.resolve("records"));
        Path template = Path.of(EventSourcesTest.class.getResource("/event-sources-template.yaml").toURI());
        Path fixtures = ProjectRoot.find().resolve("infra/e2e/target/e2e-fixtures.jar");
        runtime = LocalRuntime.start(Options.forTemplate(template)
                .parameter("RecordDir", records.toString())
                .parameter("FixturesJar", fixtures.toString())
                .httpPort(0)
                .scheduleSpeedup(60)
                .asyncRetryDelay(Duration.ofMillis(200))
                .stateDirectory(work.resolve("state"))
                .logDirectory(work.resolve("logs")));
        aws = runtime.deployment();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Events one recording function received so far, oldest first. */
    static List<JsonNode> received(String function) {
        Path dir = records.resolve(aws.functionName(function));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> {
                try {
                    return JSON.readTree(p.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTableWriteReachesTheStreamConsumerAsADynamoDbEvent() {
        aws.dynamo().putItem(p -> p.tableName(aws.physicalName("Parts")).item(Map.of(
                "id", AttributeValue.fromS("part-1"), "qty", AttributeValue.fromN("3"))));

        JsonNode record = Eventually.await("the stream record", Duration.ofSeconds(30), () ->
                received("StreamRecorder").stream().flatMap(e -> stream(e.path("Records")))
                        .filter(r -> r.path("dynamodb").path("Keys").path("id").path("S").asText().equals("part-1"))
                        .findFirst().orElse(null));

        assertEquals("INSERT", record.path("eventName").asText());
        assertEquals("aws:dynamodb", record.path("eventSource").asText());
        assertEquals("3", record.path("dynamodb").path("NewImage").path("qty").path("N").asText());
        assertEquals(aws.streamArn("Parts"), record.path("eventSourceARN").asText());
    }

    @Test
    void onlyEventsMatchingTheRulePatternReachTheFunction() throws Exception {
        String bus = aws.physicalName("Bus");
        aws.events().putEvents(p -> p.entries(
                e -> e.eventBusName(bus).source("autocentric.orders").detailType("OrderPlaced")
                        .detail("{\"orderId\":\"small\",\"totalCents\":500}"),
                e -> e.eventBusName(bus).source("autocentric.listings").detailType("OrderPlaced")
                        .detail("{\"orderId\":\"other-source\",\"totalCents\":5000000}"),
                e -> e.eventBusName(bus).source("autocentric.orders").detailType("OrderPlaced")
                        .detail("{\"orderId\":\"big\",\"totalCents\":5000000}")));

        JsonNode matched = Eventually.await("the matching event", Duration.ofSeconds(30), () ->
                received("RuleRecorder").stream().findFirst().orElse(null));
        assertEquals("big", matched.path("detail").path("orderId").asText());
        assertEquals("OrderPlaced", matched.path("detail-type").asText());

        Thread.sleep(2_000); // time enough for a wrongly matched event to arrive too
        assertEquals(List.of("big"), received("RuleRecorder").stream()
                .map(e -> e.path("detail").path("orderId").asText()).toList());
    }

    @Test
    void aMessageTheConsumerKeepsFailingIsRetriedThenRedrivenToTheDeadLetterQueue() {
        aws.sqs().sendMessage(s -> s.queueUrl(aws.queueUrl("Jobs")).messageBody("{\"job\":\"doomed\"}"));

        List<Message> dead = Eventually.await("the message in the dead-letter queue", Duration.ofSeconds(60), () -> {
            List<Message> got = aws.sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl("JobsDeadLetters"))
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            return got.isEmpty() ? null : got;
        });

        assertEquals("{\"job\":\"doomed\"}", dead.get(0).body());
        List<JsonNode> attempts = received("FailingConsumer");
        assertEquals(3, attempts.size(), "delivered maxReceiveCount (3) times before the redrive");
        for (JsonNode attempt : attempts) {
            assertEquals("{\"job\":\"doomed\"}", attempt.path("Records").get(0).path("body").asText());
            assertEquals("aws:sqs", attempt.path("Records").get(0).path("eventSource").asText());
        }
    }

    @Test
    void aScheduleFiresRepeatedlyWithItsInput() {
        List<JsonNode> ticks = Eventually.await("two ticks", Duration.ofSeconds(30), () -> {
            List<JsonNode> got = received("TickRecorder");
            return got.size() >= 2 ? got : null;
        });
        for (JsonNode tick : ticks) {
            assertEquals("sweep", tick.path("job").asText(), "a rule's constant Input replaces the scheduled event");
        }
        assertTrue(runtime.coldStarts().size() >= 1, "functions started on their first event");
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
