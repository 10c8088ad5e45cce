package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.sun.net.httpserver.HttpServer;
import dev.autocentric.local.LocalRuntime;
import dev.autocentric.local.Options;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.ProjectRoot;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The events backbone through the local runtime: listing writes over HTTP become schema-valid
 * events on the bus (by the Listings stream and the publisher's JVM); order events on the bus
 * reach dealers' webhooks (rule, queue, notifier JVM) signed, retried, and dead-lettered.
 */
class EventsEndToEndTest {
    static final String ADMIN_TOKEN = "e2e-events-operator-token-0123456789";

    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static Deployment aws;
    static Api api;
    static String tap;
    static HttpServer dealerServer;
    /** Every POST received, per path. */
    static final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    static final AtomicInteger flakyFailuresLeft = new AtomicInteger(3);

    record Received(String signature, String eventId, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        dealerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dealerServer.createContext("/hooks/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(
                    exchange.getRequestHeaders().getFirst("AutoCentric-Signature"),
                    exchange.getRequestHeaders().getFirst("AutoCentric-Event-Id"), body));
            int status = switch (path) {
                case "/hooks/down" -> 500;
                case "/hooks/flaky" -> flakyFailuresLeft.getAndDecrement() > 0 ? 500 : 200;
                default -> 200;
            };
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        dealerServer.start();

        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8)));
        runtime = LocalRuntime.start(Options.forTemplate(ProjectRoot.find().resolve("template.yaml"))
                .parameter("AdminTokenSha256", hash)
                .parameter("LocalMode", "true")
                .parameter("WebhookBackoffSeconds", "1")
                .httpPort(0)
                .stateDirectory(work.resolve("state"))
                .logDirectory(work.resolve("logs")));
        aws = runtime.deployment();
        api = new Api(runtime.httpEndpoint());

        // a test tap on the bus: every autocentric event is copied to a queue the test reads
        String bus = aws.physicalName("EventBus");
        tap = aws.sqs().createQueue(q -> q.queueName("e2e-events-tap")).queueUrl();
        String tapArn = aws.sqs().getQueueAttributes(g -> g.queueUrl(tap).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.events().putRule(r -> r.name("e2e-events-tap").eventBusName(bus)
                .eventPattern("{\"source\":[{\"prefix\":\"autocentric.\"}]}"));
        aws.events().putTargets(t -> t.rule("e2e-events-tap").eventBusName(bus).targets(x -> x.id("tap").arn(tapArn)));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (dealerServer != null) {
            dealerServer.stop(0);
        }
    }

    static final List<JsonNode> tapped = new CopyOnWriteArrayList<>();

    static List<JsonNode> tapped() {
        List<Message> got = aws.sqs().receiveMessage(r -> r.queueUrl(tap).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        for (Message m : got) {
            try {
                tapped.add(Api.JSON.readTree(m.body()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            aws.sqs().deleteMessage(d -> d.queueUrl(tap).receiptHandle(m.receiptHandle()));
        }
        return tapped;
    }

    static Set<String> violations(JsonNode event) throws Exception {
        Path schema = ProjectRoot.find().resolve("events/schemas/" + event.path("detail-type").asText() + ".json");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Api.JSON.readTree(Files.readString(schema))).validate(event).stream()
                .map(Object::toString).collect(java.util.stream.Collectors.toSet());
    }

    static String enrol(String id) {
        Api.Reply r = api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, ListingEndToEndTest.dealer(id, "48226", 42.33181, -83.05035));
        assertEquals(201, r.status(), r.body());
        return r.json().path("credential").asText();
    }

    /** Registers the dealer's webhook on the test server; answers the signing secret. */
    static String webhook(String dealerId, String credential, String path, String format) {
        String url = "http://127.0.0.1:" + dealerServer.getAddress().getPort() + path;
        Api.Reply r = api.send("PUT", "/v1/dealers/" + dealerId + "/webhook", credential,
                Map.of("url", url, "format", format));
        assertEquals(200, r.status(), r.body());
        return r.json().path("secret").asText();
    }

    static String orderPlaced(String orderId, String sellingDealerId) throws Exception {
        JsonNode sample = Api.JSON.readTree(Files.readString(ProjectRoot.find().resolve("events/OrderPlaced.json")));
        var detail = (com.fasterxml.jackson.databind.node.ObjectNode) sample.path("detail").deepCopy();
        detail.put("eventId", java.util.UUID.randomUUID().toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) detail.path("data")).put("orderId", orderId)
                .put("sellingDealerId", sellingDealerId);
        String bus = aws.physicalName("EventBus");
        var result = aws.events().putEvents(p -> p.entries(e -> e.eventBusName(bus).source("autocentric.orders")
                .detailType("OrderPlaced").detail(detail.toString())));
        assertEquals(0, result.failedEntryCount());
        return detail.path("eventId").asText();
    }

    static boolean verifies(String secret, Received r) throws Exception {
        String[] parts = r.signature().split(",");
        String t = parts[0].substring(2);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        return parts[1].equals("v1=" + expected)
                && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 300;
    }

    @Test
    void dealerUpsertsAndAPriceChangeBecomeSchemaValidEventsOnTheBus() throws Exception {
        String cred = enrol("dlr-ev-seller");
        String vin = "1G1ZD5ST1LF012345";
        assertEquals(201, api.send("PUT", "/v1/dealers/dlr-ev-seller/inventory/" + vin, cred,
                ListingEndToEndTest.vehicle(vin, 2_749_900)).status());
        assertEquals(200, api.send("PUT", "/v1/dealers/dlr-ev-seller/inventory/" + vin, cred,
                ListingEndToEndTest.vehicle(vin, 2_699_900)).status());
        // the same body again changes nothing: no event
        assertEquals(200, api.send("PUT", "/v1/dealers/dlr-ev-seller/inventory/" + vin, cred,
                ListingEndToEndTest.vehicle(vin, 2_699_900)).status());

        List<JsonNode> events = Eventually.await("ListingPublished and ListingPriceChanged", Duration.ofSeconds(60), () -> {
            List<JsonNode> mine = tapped().stream()
                    .filter(e -> e.path("detail").path("data").path("dealerId").asText().equals("dlr-ev-seller")).toList();
            return mine.size() >= 2 ? mine : null;
        });
        Thread.sleep(1_500); // time for a wrong extra event to show up
        List<JsonNode> mine = tapped().stream()
                .filter(e -> e.path("detail").path("data").path("dealerId").asText().equals("dlr-ev-seller")).toList();
        assertEquals(List.of("ListingPublished", "ListingPriceChanged"),
                mine.stream().map(e -> e.path("detail-type").asText()).toList());
        for (JsonNode e : events) {
            assertEquals("autocentric.listings", e.path("source").asText());
            assertEquals(Set.of(), violations(e), e.toString());
        }
        assertEquals(2_749_900, mine.get(1).path("detail").path("data").path("previousEPriceCents").asLong());
    }

    @Test
    void anOrderPlacedReachesTheSellersWebhookSignedAndSchemaValid() throws Exception {
        String cred = enrol("dlr-ev-hook");
        String secret = webhook("dlr-ev-hook", cred, "/hooks/ok", "json");
        String eventId = orderPlaced("ord-e2e-ok", "dlr-ev-hook");

        Received r = Eventually.await("the webhook call", Duration.ofSeconds(60), () ->
                received.getOrDefault("/hooks/ok", List.of()).stream().findFirst().orElse(null));
        assertTrue(verifies(secret, r), r.signature());
        assertEquals(eventId, r.eventId());
        JsonNode body = Api.JSON.readTree(r.body());
        assertEquals("OrderPlaced", body.path("type").asText());
        assertEquals("ord-e2e-ok", body.path("data").path("orderId").asText());
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventOnARetryAndCountsItOnce() throws Exception {
        String cred = enrol("dlr-ev-flaky");
        String secret = webhook("dlr-ev-flaky", cred, "/hooks/flaky", "json");
        String eventId = orderPlaced("ord-e2e-flaky", "dlr-ev-flaky");

        List<Received> calls = Eventually.await("a successful delivery", Duration.ofSeconds(90), () -> {
            List<Received> got = received.getOrDefault("/hooks/flaky", List.of());
            return got.size() >= 4 ? got : null;
        });
        assertEquals(4, calls.size(), "three 500s, then the 200");
        for (Received call : calls) {
            assertTrue(verifies(secret, call));
        }
        // the receiver's dedupe: every attempt carries the same event id
        assertEquals(Set.of(eventId), calls.stream().map(Received::eventId).collect(java.util.stream.Collectors.toSet()));
        Thread.sleep(3_000);
        assertEquals(4, received.get("/hooks/flaky").size(), "not delivered again after the 200");
    }

    @Test
    void aReceiverThatAlwaysFailsLeavesTheEventInTheDeadLetterQueue() throws Exception {
        String cred = enrol("dlr-ev-down");
        webhook("dlr-ev-down", cred, "/hooks/down", "json");
        String eventId = orderPlaced("ord-e2e-down", "dlr-ev-down");

        Message dead = Eventually.await("the dead-lettered event", Duration.ofSeconds(120), () -> {
            List<Message> got = aws.sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl("WebhookDeadLetterQueue"))
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            return got.stream().filter(m -> m.body().contains(eventId)).findFirst().orElse(null);
        });
        JsonNode event = Api.JSON.readTree(dead.body());
        assertEquals("OrderPlaced", event.path("detail-type").asText());
        assertEquals(Set.of(), violations(event), "intact and inspectable");
        assertEquals(5, received.get("/hooks/down").size(), "tried maxReceiveCount (5) times");
    }
}
