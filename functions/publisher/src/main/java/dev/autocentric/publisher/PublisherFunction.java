package dev.autocentric.publisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/**
 * DynamoDB stream event to domain events on the bus (DESIGN.md section 6). Each record is
 * mapped by the mapper of its table; all events of the batch are published in order; any event
 * the bus will not take throws, so the event source mapping retries and bisects the batch and
 * finally sends it to the on-failure queue. Plain {@link RequestStreamHandler}: no HTTP stack.
 *
 * <p>Tables: Listings ({@link ListingEventMapper}) and Orders ({@link OrderEventMapper}), named by
 * {@code LISTINGS_TABLE} and {@code ORDERS_TABLE}; each is one {@code DynamoDB} event of the
 * function in template.yaml.
 */
public class PublisherFunction implements RequestStreamHandler, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(PublisherFunction.class);

    private final Map<String, StreamEventMapper> mappersByTable;
    private final EventPublisher publisher;

    /** For Lambda: the bus and tables from the environment, one EventBridge client per container. */
    public PublisherFunction() {
        this(mappers(System.getenv()), new EventPublisher(client()::putEvents,
                System.getenv("EVENT_BUS_NAME"), 5, Duration.ofMillis(100), d -> Thread.sleep(d.toMillis())));
        Core.getGlobalContext().register(this);
    }

    public PublisherFunction(Map<String, StreamEventMapper> mappersByTable, EventPublisher publisher) {
        this.mappersByTable = mappersByTable;
        this.publisher = publisher;
    }

    static Map<String, StreamEventMapper> mappers(Map<String, String> env) {
        return Map.of(env.getOrDefault("LISTINGS_TABLE", "Listings"), new ListingEventMapper(),
                env.getOrDefault("ORDERS_TABLE", "Orders"), new OrderEventMapper());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MDC.put("requestId", context == null ? "" : context.getAwsRequestId());
        try {
            JsonNode event = Json.MAPPER.readTree(input);
            List<DomainEvent> events = map(event);
            publisher.publish(events);
            LOG.info("published {} events from {} records", events.size(), event.path("Records").size());
            output.write("{}".getBytes());
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The events of a stream batch, in record order; records that changed nothing give none. */
    public List<DomainEvent> map(JsonNode streamEvent) {
        List<DomainEvent> events = new ArrayList<>();
        for (JsonNode r : streamEvent.path("Records")) {
            StreamRecord record = StreamRecord.of(r);
            StreamEventMapper mapper = mappersByTable.get(record.tableName());
            if (mapper == null) {
                throw new IllegalStateException("no mapper for the stream of table " + record.tableName());
            }
            Optional<DomainEvent> e = mapper.map(record);
            e.ifPresent(events::add);
        }
        return events;
    }

    private static EventBridgeClient client() {
        String region = System.getenv("AWS_REGION");
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)).build())
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                .credentialsProvider(System.getenv("AWS_ACCESS_KEY_ID") != null
                        ? EnvironmentVariableCredentialsProvider.create()
                        : DefaultCredentialsProvider.builder().build());
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** SnapStart priming: map a sample record of each table so Jackson and the mappers are warm in the snapshot. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            new ListingEventMapper().map(StreamRecord.of(Json.tree("""
                    {"eventID":"priming","eventName":"INSERT","eventSourceARN":"arn:aws:dynamodb:us-east-1:1:table/t/stream/s",
                     "dynamodb":{"NewImage":{"vin":{"S":"1"},"listed":{"BOOL":true},"status":{"S":"AVAILABLE"}}}}""")))
                    .ifPresent(e -> Json.write(e.detail()));
            new OrderEventMapper().map(StreamRecord.of(Json.tree("""
                    {"eventID":"priming","eventName":"INSERT","eventSourceARN":"arn:aws:dynamodb:us-east-1:1:table/t/stream/s",
                     "dynamodb":{"NewImage":{"orderId":{"S":"1"},"status":{"S":"PLACED"},
                     "vehicle":{"M":{"year":{"N":"2024"}}},
                     "lines":{"L":[{"M":{"code":{"S":"EPRICE"},"amountCents":{"N":"1"}}}]}}}}""")))
                    .ifPresent(e -> Json.write(e.detail()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("SnapStart priming failed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh
    }
}
