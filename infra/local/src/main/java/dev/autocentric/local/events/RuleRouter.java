package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.Json;
import dev.autocentric.local.lambda.Invoker;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * EventBridge rules, matched here rather than in the emulator (moto cannot deliver to Lambda
 * targets): each bus gets a tap — a catch-all rule in the emulator sending every event to a local
 * queue — and each event read from a tap is matched with Event Ruler against the patterns of
 * the functions' EventBridgeRule events and of the template's rules, then handed to each match:
 * a function (asynchronously) or the rule's SQS targets.
 */
public final class RuleRouter implements AutoCloseable {

    /** moto 5.2.1 accepts this pattern and it matches every event: every event has a source */
    static final String CATCH_ALL = "{\"source\":[{\"prefix\":\"\"}]}";

    private record Bus(String name, EventPatterns patterns, Map<String, Target> targets) {
    }

    private sealed interface Target {
    }

    private record FunctionTarget(String description, Invoker function) implements Target {
    }

    private record QueueTargets(List<String> queueUrls) implements Target {
    }

    private final EventBridgeClient events;
    private final SqsClient sqs;
    private final String namePrefix;
    private final String accountId;
    private final AsyncInvocations async;
    private final Function<String, String> queueUrlForArn;
    private final Map<String, Bus> buses = new LinkedHashMap<>();
    private final List<Tap> taps = new ArrayList<>();
    private final AtomicLong routed = new AtomicLong();
    private final Map<String, AtomicLong> matchesByRule = new ConcurrentHashMap<>();

    /** @param namePrefix put before the tap queues' and rules' names, so deployments sharing an emulator do not meet */
    public RuleRouter(EventBridgeClient events, SqsClient sqs, String namePrefix, String accountId,
                      AsyncInvocations async, Function<String, String> queueUrlForArn) {
        this.events = events;
        this.sqs = sqs;
        this.namePrefix = namePrefix;
        this.accountId = accountId;
        this.async = async;
        this.queueUrlForArn = queueUrlForArn;
    }

    /** A function's EventBridgeRule event: matching events invoke it asynchronously. */
    public RuleRouter addFunctionRule(String ruleName, String busName, String patternJson, Invoker function) {
        bus(busName).patterns().add(ruleName, patternJson);
        bus(busName).targets().put(ruleName, new FunctionTarget(ruleName, function));
        return this;
    }

    /** An AWS::Events::Rule with SQS targets: matching events are sent to each queue. */
    public RuleRouter addQueueRule(String ruleName, String busName, String patternJson, List<String> queueArns) {
        bus(busName).patterns().add(ruleName, patternJson);
        bus(busName).targets().put(ruleName, new QueueTargets(queueArns.stream().map(queueUrlForArn).toList()));
        return this;
    }

    private Bus bus(String busName) {
        return buses.computeIfAbsent(busName(busName), n -> new Bus(n, new EventPatterns(), new LinkedHashMap<>()));
    }

    /** A bus named by name or ARN; none means the default bus. */
    static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isBlank()) {
            return "default";
        }
        int slash = nameOrArn.indexOf(":event-bus/");
        return slash >= 0 ? nameOrArn.substring(slash + ":event-bus/".length()) : nameOrArn;
    }

    /** Creates each bus's tap in the emulator and starts reading it. */
    public void start() {
        for (Bus bus : buses.values()) {
            String safe = (namePrefix + "local-tap-" + bus.name()).replaceAll("[^A-Za-z0-9_-]", "-");
            String queueName = safe.length() > 80 ? safe.substring(0, 80) : safe;
            String queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
            try {
                // an emulator that outlived a previous run may still hold that run's events
                sqs.purgeQueue(b -> b.queueUrl(queueUrl));
            } catch (RuntimeException purgedRecently) {
                // SQS allows one purge a minute; stale events are then routed once more
            }
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String ruleName = queueName.length() > 64 ? queueName.substring(0, 64) : queueName;
            events.putRule(b -> b.name(ruleName).eventBusName(bus.name()).eventPattern(CATCH_ALL));
            events.putTargets(b -> b.rule(ruleName).eventBusName(bus.name())
                    .targets(software.amazon.awssdk.services.eventbridge.model.Target.builder().id("local-runtime").arn(queueArn).build()));
            var tap = new Tap(bus, queueUrl);
            taps.add(tap);
            tap.start();
        }
    }

    /** Matches one event of a bus and hands it to every match. Public so tests can route without a tap. */
    public List<String> route(String busName, String eventJson) {
        Bus bus = buses.get(busName(busName));
        if (bus == null) {
            return List.of();
        }
        String event = withAccount(eventJson);
        List<String> matches = bus.patterns().matching(event);
        for (String rule : matches) {
            matchesByRule.computeIfAbsent(rule, r -> new AtomicLong()).incrementAndGet();
            switch (bus.targets().get(rule)) {
                case FunctionTarget f -> async.submit(f.description(), f.function(), event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case QueueTargets q -> q.queueUrls().forEach(url -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(event)));
            }
        }
        routed.incrementAndGet();
        return matches;
    }

    /** moto leaves out {@code account}; EventBridge always sends it and patterns may test it. */
    private String withAccount(String eventJson) {
        JsonNode node = Json.parse(eventJson);
        if (node instanceof ObjectNode object && !object.has("account")) {
            object.put("account", accountId);
            return Json.write(object);
        }
        return eventJson;
    }

    /** Events read from the taps so far. */
    public long routed() {
        return routed.get();
    }

    /** How many events each rule matched. */
    public Map<String, Long> matchesByRule() {
        var out = new LinkedHashMap<String, Long>();
        matchesByRule.forEach((rule, count) -> out.put(rule, count.get()));
        return out;
    }

    @Override
    public void close() {
        taps.forEach(Tap::close);
    }

    private final class Tap extends PollingLoop {
        private final Bus bus;
        private final String queueUrl;

        Tap(Bus bus, String queueUrl) {
            super("eventbridge:" + bus.name(), Duration.ZERO);
            this.bus = bus;
            this.queueUrl = queueUrl;
        }

        @Override
        protected boolean pollOnce() {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (Message message : messages) {
                try {
                    route(bus.name(), message.body());
                } catch (RuntimeException e) {
                    System.err.println("[" + name() + "] cannot route " + message.body() + ": " + e);
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            return !messages.isEmpty();
        }
    }
}
