package dev.autocentric.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The notifier against the emulator's Dealers table and a dealer's HTTP server on loopback. */
class NotifierDeliveryTest {
    record Received(String signature, String eventId, String contentType, String body) {
    }

    static Deployment aws;
    static HttpServer server;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger status = new AtomicInteger(200);
    static NotifierFunction notifier;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalAws.shared().deploy("notifier-it-");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestHeaders().getFirst("AutoCentric-Event-Id"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        String table = aws.physicalName("DealersTable");
        dealer(table, "dlr-chevy-austin", "Austin Chevrolet", url, "json", "seller-secret");
        dealer(table, "dlr-gm-dallas", "Dallas GM", url, "json", "delivery-secret");
        notifier = new NotifierFunction(new WebhookDirectory(aws.dynamo(), table),
                new WebhookDelivery(HttpClient.newHttpClient(), Clock.systemUTC(), Duration.ofSeconds(2)), null, null, 1);
    }

    static void dealer(String table, String id, String name, String url, String format, String secret) {
        aws.dynamo().putItem(p -> p.tableName(table).item(Map.of("dealerId", AttributeValue.fromS(id),
                "name", AttributeValue.fromS(name), "webhookUrl", AttributeValue.fromS(url),
                "webhookFormat", AttributeValue.fromS(format), "webhookSecret", AttributeValue.fromS(secret))));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void reset() {
        received.clear();
        status.set(200);
    }

    static JsonNode sqsBatch(String... types) throws Exception {
        ObjectNode batch = Json.MAPPER.createObjectNode();
        var records = batch.putArray("Records");
        for (String type : types) {
            String event = Files.readString(ProjectRoot.find().resolve("events/" + type + ".json"));
            records.addObject().put("messageId", "m-" + type).put("body", event).put("receiptHandle", "r")
                    .put("eventSource", "aws:sqs");
        }
        return batch;
    }

    static JsonNode handle(JsonNode batch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        notifier.handleRequest(new ByteArrayInputStream(Json.write(batch).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.tree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSellerGetsOrderPlacedSignedWithItsSecretAndTheBuyersContact() throws Exception {
        JsonNode response = handle(sqsBatch("OrderPlaced"));

        assertEquals(0, response.path("batchItemFailures").size());
        assertEquals(1, received.size());
        Received r = received.get(0);
        assertTrue(WebhookSignature.verify("seller-secret", r.signature(), r.body(),
                System.currentTimeMillis() / 1000, 300), r.signature());
        JsonNode body = Json.tree(r.body());
        assertEquals("OrderPlaced", body.path("type").asText());
        assertEquals(body.path("eventId").asText(), r.eventId());
        assertEquals("Jordan Rivera", body.path("data").path("buyer").path("name").asText());
    }

    @Test
    void theDeliveryDealerGetsOrderConfirmedWithoutTheBuyersContact() throws Exception {
        handle(sqsBatch("OrderConfirmed"));
        assertEquals(1, received.size());
        assertTrue(WebhookSignature.verify("delivery-secret", received.get(0).signature(), received.get(0).body(),
                System.currentTimeMillis() / 1000, 300));
        assertFalse(Json.tree(received.get(0).body()).path("data").has("buyer"));
    }

    @Test
    void aFailingReceiverFailsOnlyItsMessageSoSqsRedeliversIt() throws Exception {
        status.set(503);
        JsonNode response = handle(sqsBatch("OrderPlaced", "OrderRejected"));
        assertEquals("m-OrderPlaced", response.path("batchItemFailures").get(0).path("itemIdentifier").asText());
        assertEquals(1, response.path("batchItemFailures").size(), "OrderRejected has no listener: done");
    }

    @Test
    void anAdfWebhookGetsOrderPlacedAsAnXmlLead() throws Exception {
        String table = aws.physicalName("DealersTable");
        dealer(table, "dlr-chevy-austin", "Austin Chevrolet",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "adf", "seller-secret");
        try {
            handle(sqsBatch("OrderPlaced"));
            assertTrue(received.get(0).contentType().startsWith("application/xml"));
            assertEquals("Austin Chevrolet", javax.xml.xpath.XPathFactory.newInstance().newXPath()
                    .evaluate("/adf/prospect/vendor/vendorname", AdfLeadTest.parse(received.get(0).body())));
        } finally {
            dealer(table, "dlr-chevy-austin", "Austin Chevrolet",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "json", "seller-secret");
        }
    }
}
