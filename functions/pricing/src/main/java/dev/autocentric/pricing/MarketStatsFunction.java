package dev.autocentric.pricing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Listings table's stream consumer: each record's old and new images go to
 * {@link MarketStatsUpdater}, in order, after one BatchGetItem has read the contributions of the
 * batch's VINs. A record that fails is reported with every record after it
 * ({@code ReportBatchItemFailures}: Lambda retries from the first failed sequence number), so a
 * VIN's changes are never applied out of order. A plain handler, without Micronaut, for a small
 * cold start; the one DynamoDB client is built once per container.
 */
public final class MarketStatsFunction implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MarketStatsFunction.class);

    private final MarketStatsUpdater updater;

    /** Lambda's constructor: tables from MARKET_STATS_TABLE, PRICE_HISTORY_TABLE and LISTINGS_TABLE. */
    public MarketStatsFunction() {
        this(fromEnvironment());
    }

    public MarketStatsFunction(MarketStatsUpdater updater) {
        this.updater = updater;
    }

    private static MarketStatsUpdater fromEnvironment() {
        DynamoDbClient client = DynamoClients.create(DynamoClients.Settings.fromEnvironment());
        return new MarketStatsUpdater(new MarketStatsRepository(client, System.getenv("MARKET_STATS_TABLE")),
                new PriceHistoryRepository(client, System.getenv("PRICE_HISTORY_TABLE"),
                        System.getenv("LISTINGS_TABLE")));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        MDC.put("function", "market-stats");
        MDC.put("requestId", context == null ? "-" : context.getAwsRequestId());
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        int applied = 0;
        long started = System.nanoTime();
        List<String> vins = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            JsonNode vin = record.path("dynamodb").path("Keys").path("vin").path("S");
            if (vin.isTextual()) {
                vins.add(vin.asText());
            }
        }
        MarketStatsUpdater.Batch batch = updater.batch(vins);
        for (JsonNode record : event.path("Records")) {
            JsonNode dynamodb = record.path("dynamodb");
            try {
                batch.apply(image(dynamodb.get("OldImage")), image(dynamodb.get("NewImage")));
                applied++;
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("sequenceNumber", dynamodb.path("SequenceNumber").asText())
                        .setCause(e).log("stream record not applied; it and the records after it are retried");
                failures.addObject().put("itemIdentifier", dynamodb.path("SequenceNumber").asText());
                break;
            }
        }
        LOG.atInfo().addKeyValue("records", event.path("Records").size()).addKeyValue("applied", applied)
                .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
                .log("stream batch done");
        MDC.clear();
        output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
    }

    private static Listing image(JsonNode image) {
        if (image == null || image.isNull() || image.isEmpty()) {
            return null;
        }
        return ListingTableSchema.SCHEMA.mapToItem(StreamImages.item(image));
    }
}
