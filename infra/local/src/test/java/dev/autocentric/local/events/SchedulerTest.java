package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.Json;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.InvocationResult.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerTest {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    private InvocationResult record(byte[] event) {
        received.add(Json.parse(event));
        return new InvocationResult(Outcome.SUCCESS, new byte[0], "r", Duration.ZERO);
    }

    @Test
    void aSpedUpRateFiresOnItsScaledPeriodWithTheScheduledEvent() throws Exception {
        try (var async = new AsyncInvocations(Duration.ofMillis(10));
             var scheduler = new Scheduler(600, "us-east-1", "123456789012", async)) {
            // rate(1 minute) at 600x: every 100 ms
            scheduler.add("Fn-Tick", "rate(1 minute)", null, this::record);
            scheduler.start();
            Thread.sleep(1050);
            long fired = scheduler.fired("Fn-Tick");
            assertTrue(fired >= 5 && fired <= 12, "fired " + fired + " times in about 1 s");
        }
        JsonNode event = received.getFirst();
        assertEquals("Scheduled Event", event.get("detail-type").asText());
        assertEquals("aws.events", event.get("source").asText());
        assertEquals("0", event.get("version").asText());
        assertEquals("123456789012", event.get("account").asText());
        assertEquals("us-east-1", event.get("region").asText());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/Fn-Tick", event.at("/resources/0").asText());
        assertTrue(event.get("detail").isObject() && event.get("detail").isEmpty());
        Instant.parse(event.get("time").asText());
    }

    @Test
    void aConstantInputReplacesTheEvent() throws Exception {
        try (var async = new AsyncInvocations(Duration.ofMillis(10));
             var scheduler = new Scheduler(6000, "us-east-1", "123456789012", async)) {
            scheduler.add("Fn-Sweep", "rate(1 minute)", "{\"job\":\"sweep\"}", this::record);
            scheduler.start();
            Thread.sleep(300);
        }
        assertTrue(!received.isEmpty());
        assertEquals("{\"job\":\"sweep\"}", Json.write(received.getFirst()));
    }
}
