package dev.autocentric.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * SQS batch of order events (delivered by the template's rules) to dealer webhooks. A message
 * whose delivery fails (5xx, other non-2xx, timeout, connection refused) is reported in
 * {@code batchItemFailures}, so SQS delivers it again; before that its visibility timeout is
 * raised to back off exponentially ({@code WEBHOOK_BACKOFF_SECONDS} x 2^(receives-1), at most 15
 * minutes). After the queue's {@code maxReceiveCount} receives the redrive policy moves it to the
 * dead-letter queue, intact. An event for a dealer without a webhook is done.
 */
public class NotifierFunction implements RequestStreamHandler, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierFunction.class);

    private final WebhookDirectory webhooks;
    private final WebhookDelivery delivery;
    private final SqsClient sqs;
    private final String queueUrl;
    private final int backoffSeconds;

    /** For Lambda: clients built once per container from the environment. */
    public NotifierFunction() {
        this(new WebhookDirectory(DynamoClients.create(DynamoClients.Settings.fromEnvironment()),
                        System.getenv("DEALERS_TABLE")),
                new WebhookDelivery(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                        .followRedirects(HttpClient.Redirect.NEVER).build(), Clock.systemUTC(), Duration.ofSeconds(5)),
                sqsClient(), System.getenv("WEBHOOK_QUEUE_URL"),
                Integer.parseInt(System.getenv().getOrDefault("WEBHOOK_BACKOFF_SECONDS", "30")));
        Core.getGlobalContext().register(this);
    }

    public NotifierFunction(WebhookDirectory webhooks, WebhookDelivery delivery, SqsClient sqs, String queueUrl,
                            int backoffSeconds) {
        this.webhooks = webhooks;
        this.delivery = delivery;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoffSeconds = backoffSeconds;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MDC.put("requestId", context == null ? "" : context.getAwsRequestId());
        try {
            JsonNode batch = Json.MAPPER.readTree(input);
            ObjectNode response = Json.MAPPER.createObjectNode();
            ArrayNode failures = response.putArray("batchItemFailures");
            for (JsonNode message : batch.path("Records")) {
                if (!deliver(message)) {
                    failures.addObject().put("itemIdentifier", message.path("messageId").asText());
                    backOff(message);
                }
            }
            output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
        } finally {
            MDC.remove("requestId");
        }
    }

    /** True when the message is done (delivered, or nothing to deliver). */
    boolean deliver(JsonNode message) {
        JsonNode event;
        try {
            event = Json.tree(message.path("body").asText());
        } catch (IOException e) {
            LOG.error("not an event, left for the dead-letter queue: message {}", message.path("messageId").asText());
            return false;
        }
        String type = event.path("detail-type").asText();
        String eventId = event.path("detail").path("eventId").asText();
        Optional<Recipient> recipient = Recipient.of(type);
        if (recipient.isEmpty()) {
            LOG.warn("no dealer hears {} (event {}): dropped", type, eventId);
            return true;
        }
        String dealerId = recipient.get().dealerId(event.path("detail").path("data"));
        Optional<Webhook> webhook = dealerId == null ? Optional.empty() : webhooks.find(dealerId);
        if (webhook.isEmpty()) {
            LOG.info("dealer {} has no webhook: {} {} not sent", dealerId, type, eventId);
            return true;
        }
        try {
            int status = delivery.post(webhook.get(), eventId, type, WebhookDelivery.body(event, webhook.get(), recipient.get()));
            boolean ok = status >= 200 && status < 300;
            LOG.info("webhook {} {} to dealer {}: HTTP {}", type, eventId, dealerId, status);
            return ok;
        } catch (IOException e) {
            LOG.warn("webhook {} {} to dealer {} failed: {}", type, eventId, dealerId, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void backOff(JsonNode message) {
        String receipt = message.path("receiptHandle").asText(null);
        if (sqs == null || receipt == null || queueUrl == null || queueUrl.isBlank()) {
            return;
        }
        int receives = message.path("attributes").path("ApproximateReceiveCount").asInt(1);
        int seconds = (int) Math.min(900, (long) backoffSeconds << Math.min(20, Math.max(0, receives - 1)));
        try {
            sqs.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(receipt).visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            // the queue's own visibility timeout then spaces the retries
            LOG.warn("back-off not set: {}", e.toString());
        }
    }

    private static SqsClient sqsClient() {
        String region = System.getenv("AWS_REGION");
        SqsClientBuilder builder = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)).build())
                .region(Region.of(region == null || region.isBlank() ? DynamoClients.DEFAULT_REGION : region))
                .credentialsProvider(System.getenv("AWS_ACCESS_KEY_ID") != null
                        ? EnvironmentVariableCredentialsProvider.create()
                        : DefaultCredentialsProvider.builder().build());
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** SnapStart priming: the DynamoDB client, HMAC, JSON and the XML writer warm in the snapshot. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            webhooks.find("priming");
            Webhook sample = new Webhook("priming", "Priming", "https://priming.invalid/", Webhook.Format.ADF, "k");
            WebhookDelivery.body(Json.tree("""
                    {"detail-type":"OrderPlaced","source":"autocentric.orders","detail":{"eventId":"p","data":
                     {"orderId":"p","vehicle":{"year":2024},"buyer":{"name":"p"}}}}"""), sample, Recipient.SELLING_DEALER);
            WebhookSignature.header("k", 0, "{}");
        } catch (IOException | RuntimeException e) {
            LOG.warn("SnapStart priming failed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK re-resolves credentials and connections on use
    }
}
