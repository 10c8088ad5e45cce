package dev.autocentric.pricing;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The function's configuration. Each value is a Micronaut property, which Micronaut also reads
 * from the environment variable of the upper-case, underscore name (LISTINGS_TABLE,
 * DEALERS_TABLE, PRICE_HISTORY_TABLE, MARKET_STATS_TABLE, ADMIN_TOKEN_SHA256, AWS_REGION,
 * AWS_ENDPOINT_URL, CURSOR_KEY), so tests can set them as plain properties.
 *
 * <p>Quote settings: QUOTE_SIGNING_KEY (optional; see {@code QuoteSigner}), QUOTE_TTL_MINUTES
 * (default 30), and the transfer fee's TRANSFER_RATE_CENTS_PER_MILE (default 150),
 * TRANSFER_MINIMUM_CENTS (default 9,900) and TRANSFER_CAP_CENTS (default 149,900), which
 * template.yaml sets from parameters of the same names. DELIVERY_POINTS_REFRESH_SECONDS (default
 * 300): how old the loaded delivery points may get before a quote reloads them.
 */
@Singleton
public record PricingSettings(
        @Value("${listings.table}") String listingsTable,
        @Value("${dealers.table}") String dealersTable,
        @Value("${price.history.table}") String priceHistoryTable,
        @Value("${market.stats.table}") String marketStatsTable,
        @Nullable @Value("${admin.token.sha256:}") String adminTokenSha256,
        @Nullable @Value("${quote.signing.key:}") String quoteSigningKey,
        @Value("${quote.ttl.minutes:30}") int quoteTtlMinutes,
        @Value("${transfer.rate.cents.per.mile:150}") long transferRateCentsPerMile,
        @Value("${transfer.minimum.cents:9900}") long transferMinimumCents,
        @Value("${transfer.cap.cents:149900}") long transferCapCents,
        @Value("${delivery.points.refresh.seconds:300}") long deliveryPointsRefreshSeconds,
        @Nullable @Value("${aws.region:}") String awsRegion,
        @Nullable @Value("${aws.endpoint.url:}") String awsEndpointUrl,
        @Nullable @Value("${cursor.key:}") String cursorKey,
        @Nullable @Value("${autocentric.aws.access-key-id:}") String accessKeyId,
        @Nullable @Value("${autocentric.aws.secret-access-key:}") String secretAccessKey) {
}
