package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The events backbone through the local runtime: listing writes over HTTP become schema-valid
 * events on the bus (by the Listings stream and the publisher's JVM); an order placed and
 * confirmed over HTTP becomes order events (by the Orders stream) that reach the selling dealer as
 * an ADF lead and the delivery dealer as JSON; order events on the bus reach dealers' webhooks
 * (rule, queue, notifier JVM) signed, retried, and dead-lettered. Every API answer is checked
 * against openapi.yaml.
 */
@ExtendWith(ResponsesMatchOpenApi.class)
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

    record Received(String signature, String eventId, String eventType, String contentType, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        dealerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dealerServer.createContext("/hooks/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(
                    exchange.getRequestHeaders().getFirst("AutoCentric-Signature"),
                    exchange.getRequestHeaders().getFirst("AutoCentric-Event-Id"),
                    exchange.getRequestHeaders().getFirst("AutoCentric-Event-Type"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
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
        return enrol(id, "Detroit", "48226", 42.33181, -83.05035);
    }

    static String enrol(String id, String city, String zip, double lat, double lon) {
        Map<String, Object> dealer = ListingEndToEndTest.dealer(id, zip, lat, lon);
        dealer.put("city", city);
        Api.Reply r = api.send("POST", "/v1/admin/dealers", ADMIN_TOKEN, dealer);
        assertEquals(201, r.status(), r.body());
        return r.json().path("credential").asText();
    }

    /** An order id of the orders function's form (ord + 26 base32 letters) for events put on the bus by hand. */
    static String handMadeOrderId(String tag) {
        return "ord" + (tag + "a".repeat(26)).substring(0, 26);
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
        String eventId = orderPlaced(handMadeOrderId("ok"), "dlr-ev-hook");

        Received r = Eventually.await("the webhook call", Duration.ofSeconds(60), () ->
                received.getOrDefault("/hooks/ok", List.of()).stream().findFirst().orElse(null));
        assertTrue(verifies(secret, r), r.signature());
        assertEquals(eventId, r.eventId());
        JsonNode body = Api.JSON.readTree(r.body());
        assertEquals("OrderPlaced", body.path("type").asText());
        assertEquals(handMadeOrderId("ok"), body.path("data").path("orderId").asText());
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventOnARetryAndCountsItOnce() throws Exception {
        String cred = enrol("dlr-ev-flaky");
        String secret = webhook("dlr-ev-flaky", cred, "/hooks/flaky", "json");
        String eventId = orderPlaced(handMadeOrderId("flaky"), "dlr-ev-flaky");

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
        String eventId = orderPlaced(handMadeOrderId("down"), "dlr-ev-down");

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

    /** The tapped events of one order, in the order they reached the tap. */
    static List<JsonNode> eventsOfOrder(String orderId) {
        return tapped().stream().filter(e -> e.path("source").asText().equals("autocentric.orders")
                && e.path("detail").path("data").path("orderId").asText().equals(orderId)).toList();
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("detail-type").asText()).toList();
    }

    @Test
    void anOrderPlacedAndConfirmedOverTheApiReachesBothDealersAsLeadAndJsonSignedAndSchemaValid() throws Exception {
        String seller = enrol("dlr-ev-ord-seller");
        String delivery = enrol("dlr-ev-ord-chi", "Chicago", "60601", 41.88515, -87.62151);
        String sellerSecret = webhook("dlr-ev-ord-seller", seller, "/hooks/order-seller", "adf");
        String deliverySecret = webhook("dlr-ev-ord-chi", delivery, "/hooks/order-delivery", "json");
        String vin = dev.autocentric.shared.vin.Vin.withCheckDigit("1G1ZD5ST0LF840001");
        assertEquals(201, api.send("PUT", "/v1/dealers/dlr-ev-ord-seller/inventory/" + vin, seller,
                ListingEndToEndTest.vehicle(vin, 2_549_900)).status());

        // the buyer: a quote for their ZIP, then the order with an Idempotency-Key
        Api.Reply quoted = api.send("GET", "/v1/listings/" + vin + "/quote?zip=60601", null, null);
        assertEquals(200, quoted.status(), quoted.body());
        JsonNode quote = quoted.json();
        assertEquals("dlr-ev-ord-chi", quote.path("deliveryDealer").path("dealerId").asText(), quote.toString());
        Map<String, Object> buyer = Map.of("name", "Ann Buyer", "email", "ann.buyer@example.com",
                "phone", "3125550123", "zip", "60601");
        Map<String, Object> order = Map.of("vin", vin, "quoteId", quote.path("quoteId").asText(), "buyer", buyer);
        Api.Reply placed = api.send("POST", "/v1/orders", null, order,
                "idempotency-key", java.util.UUID.randomUUID().toString());
        assertEquals(201, placed.status(), placed.body());
        String orderId = placed.json().path("orderId").asText();

        // writes that do not commit yield no event: a second order of the now reserved vehicle, a
        // step the lifecycle does not allow, and a write to the order whose condition fails
        Api.Reply second = api.send("POST", "/v1/orders", null, order,
                "idempotency-key", java.util.UUID.randomUUID().toString());
        assertEquals(409, second.status(), second.body());
        Api.Reply early = api.send("POST", "/v1/dealers/dlr-ev-ord-seller/orders/" + orderId + "/ship", seller, null);
        assertEquals(409, early.status(), "a PLACED order cannot ship: " + early.body());
        String ordersTable = aws.physicalName("OrdersTable");
        Map<String, AttributeValue> key = Map.of("orderId", AttributeValue.fromS(orderId));
        assertThrows(ConditionalCheckFailedException.class, () -> aws.dynamo().updateItem(u -> u.tableName(ordersTable)
                .key(key).updateExpression("SET #s = :shipped").conditionExpression("version = :stale")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":shipped", AttributeValue.fromS("SHIPPED"),
                        ":stale", AttributeValue.fromN("7")))));

        // the seller confirms; confirming again is refused
        Api.Reply confirmed = api.send("POST", "/v1/dealers/dlr-ev-ord-seller/orders/" + orderId + "/confirm",
                seller, null);
        assertEquals(200, confirmed.status(), confirmed.body());
        assertEquals(409, api.send("POST", "/v1/dealers/dlr-ev-ord-seller/orders/" + orderId + "/confirm",
                seller, null).status(), "confirmed once only");

        Eventually.await("OrderPlaced and OrderConfirmed on the bus", Duration.ofSeconds(90), () ->
                eventsOfOrder(orderId).size() >= 2);
        Received lead = Eventually.await("the ADF lead at the selling dealer", Duration.ofSeconds(90), () ->
                received.getOrDefault("/hooks/order-seller", List.of()).stream().findFirst().orElse(null));
        Received json = Eventually.await("OrderConfirmed at the delivery dealer", Duration.ofSeconds(90), () ->
                received.getOrDefault("/hooks/order-delivery", List.of()).stream().findFirst().orElse(null));
        Thread.sleep(3_000); // time for a wrong extra event or delivery to show up

        // exactly one event per committed change, none for the refused writes
        List<JsonNode> events = eventsOfOrder(orderId);
        assertEquals(List.of("OrderPlaced", "OrderConfirmed"), types(events));
        List<JsonNode> listingEvents = tapped().stream()
                .filter(e -> e.path("detail").path("data").path("vin").asText().equals(vin)
                        && e.path("source").asText().equals("autocentric.listings")).toList();
        assertEquals(List.of("ListingPublished", "ListingReserved"), types(listingEvents));
        // every event emitted so far validates against its schema
        for (JsonNode e : tapped()) {
            assertEquals(Set.of(), violations(e), e.toString());
        }
        JsonNode placedEvent = events.get(0);
        JsonNode confirmedEvent = events.get(1);
        JsonNode placedData = placedEvent.path("detail").path("data");
        assertEquals("dlr-ev-ord-seller", placedData.path("sellingDealerId").asText());
        assertEquals("dlr-ev-ord-chi", placedData.path("deliveryDealerId").asText());
        assertEquals(quote.path("totalCents").asLong(), placedData.path("totalCents").asLong());
        assertEquals(2_549_900, placedData.path("vehicle").path("ePriceCents").asLong());
        assertEquals("PLACED", confirmedEvent.path("detail").path("data").path("previousStatus").asText());
        assertEquals(List.of("status"), Api.JSON.convertValue(confirmedEvent.path("detail").path("changed"), List.class));

        // the selling dealer (adf): one signed ADF lead with what a dealer CRM needs
        assertEquals(1, received.get("/hooks/order-seller").size(), "the seller hears OrderPlaced only");
        assertTrue(verifies(sellerSecret, lead), lead.signature());
        assertEquals(placedEvent.path("detail").path("eventId").asText(), lead.eventId());
        assertEquals("OrderPlaced", lead.eventType());
        assertTrue(lead.contentType().startsWith("application/xml"), lead.contentType());
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document adf = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(lead.body().getBytes(StandardCharsets.UTF_8)));
        javax.xml.xpath.XPath x = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertEquals("adf", adf.getDocumentElement().getNodeName());
        assertEquals(java.time.Instant.parse(placed.json().path("placedAt").asText()),
                java.time.Instant.parse(x.evaluate("/adf/prospect/requestdate", adf)), "requestdate: when it was placed");
        assertEquals(orderId, x.evaluate("/adf/prospect/id", adf));
        assertEquals("2025", x.evaluate("/adf/prospect/vehicle/year", adf));
        assertEquals("Chevrolet", x.evaluate("/adf/prospect/vehicle/make", adf));
        assertEquals("Malibu", x.evaluate("/adf/prospect/vehicle/model", adf));
        assertEquals(vin, x.evaluate("/adf/prospect/vehicle/vin", adf));
        assertEquals("S-" + vin.substring(11), x.evaluate("/adf/prospect/vehicle/stock", adf));
        assertEquals("25499.00", x.evaluate("/adf/prospect/vehicle/price", adf));
        assertEquals("Ann Buyer", x.evaluate("/adf/prospect/customer/contact/name", adf));
        assertEquals("ann.buyer@example.com", x.evaluate("/adf/prospect/customer/contact/email", adf));
        assertEquals("+13125550123", x.evaluate("/adf/prospect/customer/contact/phone", adf), "as the order stored it");
        assertEquals("60601", x.evaluate("/adf/prospect/customer/contact/address/postalcode", adf));
        assertEquals("dlr-ev-ord-seller", x.evaluate("/adf/prospect/vendor/id", adf));
        assertEquals("Dealer dlr-ev-ord-seller", x.evaluate("/adf/prospect/vendor/vendorname", adf));
        assertEquals("AutoCentric", x.evaluate("/adf/prospect/provider/name", adf));

        // the delivery dealer (json): OrderConfirmed, signed, without the buyer's contact
        assertEquals(1, received.get("/hooks/order-delivery").size(), "the delivery dealer hears OrderConfirmed only");
        assertTrue(verifies(deliverySecret, json), json.signature());
        assertEquals(confirmedEvent.path("detail").path("eventId").asText(), json.eventId());
        JsonNode body = Api.JSON.readTree(json.body());
        assertEquals("OrderConfirmed", body.path("type").asText());
        assertEquals("autocentric.orders", body.path("source").asText());
        assertEquals(json.eventId(), body.path("eventId").asText());
        assertEquals(orderId, body.path("data").path("orderId").asText());
        assertEquals("CONFIRMED", body.path("data").path("status").asText());
        assertTrue(body.path("data").path("buyer").isMissingNode(), "the buyer's contact is for the seller only");
    }
}
