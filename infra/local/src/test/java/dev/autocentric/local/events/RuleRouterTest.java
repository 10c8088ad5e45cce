package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.Json;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.InvocationResult.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Matching and delivery to functions, without the emulator's tap. */
class RuleRouterTest {

    private static final String PLACED = """
            {"version":"0","id":"e1","detail-type":"OrderPlaced","source":"autocentric.orders",
             "time":"2026-11-26T07:00:00Z","region":"us-east-1","resources":[],"detail":{"totalCents":%d}}""";

    @Test
    void invokesTheFunctionsWhosePatternMatches() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        try (var async = new AsyncInvocations(Duration.ofMillis(10))) {
            var router = new RuleRouter(null, null, "", "123456789012", async, arn -> arn)
                    .addFunctionRule("Big.OrdersPlaced", "arn:aws:events:us-east-1:123456789012:event-bus/autocentric",
                            "{\"source\":[\"autocentric.orders\"],\"detail\":{\"totalCents\":[{\"numeric\":[\">\",1000000]}]}}",
                            event -> {
                                received.add(Json.parse(event));
                                return new InvocationResult(Outcome.SUCCESS, new byte[0], "r", Duration.ZERO);
                            });

            assertEquals(List.of("Big.OrdersPlaced"), router.route("autocentric", PLACED.formatted(2_000_000)));
            assertEquals(List.of(), router.route("autocentric", PLACED.formatted(10)));
            assertEquals(List.of(), router.route("default", PLACED.formatted(2_000_000)));
            Thread.sleep(200);
        }
        assertEquals(1, received.size());
        assertEquals("123456789012", received.getFirst().get("account").asText(), "the account moto leaves out is added");
    }

    @Test
    void aFailingTargetIsRetriedTwiceAsLambdaRetriesAsyncEvents() throws Exception {
        var attempts = new AtomicInteger();
        try (var async = new AsyncInvocations(Duration.ofMillis(10))) {
            var router = new RuleRouter(null, null, "", "123456789012", async, arn -> arn)
                    .addFunctionRule("Fn.All", null, "{\"source\":[{\"prefix\":\"\"}]}", event -> {
                        attempts.incrementAndGet();
                        return new InvocationResult(Outcome.FUNCTION_ERROR, "{}".getBytes(), "r", Duration.ZERO);
                    });
            router.route(null, PLACED.formatted(1));
            Thread.sleep(300);
            assertEquals(3, attempts.get());
            assertEquals(1, async.dropped());
        }
    }
}
