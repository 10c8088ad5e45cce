package dev.autocentric.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The hold-expiry sweeper, run on a schedule: every order still PLACED when its hold ends becomes
 * EXPIRED and its vehicle AVAILABLE again, in one transaction each. It reads only the sparse
 * {@code pendingByExpiry} index (never a Scan, never TTL, which is neither prompt nor
 * transactional). A plain handler without Micronaut, for a small cold start; tables from
 * ORDERS_TABLE and LISTINGS_TABLE. Answers {@code {"expired": n, "skipped": m}}.
 */
public final class OrderExpiryFunction implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OrderExpiryFunction.class);
    static final int BATCH = 100;

    private final OrderLifecycle lifecycle;

    public OrderExpiryFunction() {
        this(fromEnvironment());
    }

    public OrderExpiryFunction(OrderLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    private static OrderLifecycle fromEnvironment() {
        DynamoDbClient client = DynamoClients.create(DynamoClients.Settings.fromEnvironment());
        String listings = System.getenv("LISTINGS_TABLE");
        return new OrderLifecycle(new OrderStore(client, System.getenv("ORDERS_TABLE"), listings, null),
                new ListingRepository(client, listings), Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        MDC.put("function", "order-expiry");
        MDC.put("requestId", context == null ? "-" : context.getAwsRequestId());
        long started = System.nanoTime();
        OrderLifecycle.Sweep sweep = lifecycle.expireDue(BATCH);
        LOG.info("hold sweep expired={} skipped={} millis={}", sweep.expired(), sweep.skipped(),
                (System.nanoTime() - started) / 1_000_000);
        output.write(Json.write(Map.of("expired", sweep.expired(), "skipped", sweep.skipped()))
                .getBytes(StandardCharsets.UTF_8));
    }
}
