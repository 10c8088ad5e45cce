package dev.autocentric.orders;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The function's configuration, each value a Micronaut property that is also read from the
 * environment variable of its upper-case, underscore name: ORDERS_TABLE, LISTINGS_TABLE,
 * DEALERS_TABLE, IDEMPOTENCY_TABLE, ADMIN_TOKEN_SHA256, QUOTE_SIGNING_KEY (the key the pricing
 * function signs quotes with), ORDER_TOKEN_KEY and CURSOR_KEY (optional; derived from
 * ADMIN_TOKEN_SHA256 when unset), ORDER_HOLD_HOURS (default 48: how long a placed order holds the
 * vehicle for the selling dealer to confirm), IDEMPOTENCY_TTL_HOURS (default 24: how long a
 * placement's first answer is replayed), AWS_REGION, AWS_ENDPOINT_URL.
 */
@Singleton
public record OrdersSettings(
        @Value("${orders.table}") String ordersTable,
        @Value("${listings.table}") String listingsTable,
        @Value("${dealers.table}") String dealersTable,
        @Value("${idempotency.table}") String idempotencyTable,
        @Nullable @Value("${admin.token.sha256:}") String adminTokenSha256,
        @Nullable @Value("${quote.signing.key:}") String quoteSigningKey,
        @Nullable @Value("${order.token.key:}") String orderTokenKey,
        @Nullable @Value("${cursor.key:}") String cursorKey,
        @Value("${order.hold.hours:48}") int orderHoldHours,
        @Value("${idempotency.ttl.hours:24}") int idempotencyTtlHours,
        @Nullable @Value("${aws.region:}") String awsRegion,
        @Nullable @Value("${aws.endpoint.url:}") String awsEndpointUrl,
        @Nullable @Value("${autocentric.aws.access-key-id:}") String accessKeyId,
        @Nullable @Value("${autocentric.aws.secret-access-key:}") String secretAccessKey) {
}
