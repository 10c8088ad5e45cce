package dev.autocentric.listing;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The function's configuration. Each value is a Micronaut property, which Micronaut also reads
 * from the environment variable of the upper-case, underscore name (LISTINGS_TABLE,
 * DEALERS_TABLE, MARKET_STATS_TABLE, ADMIN_TOKEN_SHA256, AWS_REGION, AWS_ENDPOINT_URL, CURSOR_KEY), so tests can set
 * them as plain properties.
 *
 * <p>{@code autocentric.aws.access-key-id} / {@code secret-access-key} exist for tests against
 * the emulator only; on Lambda they are unset and the environment's credentials are used.
 */
@Singleton
public record ListingSettings(
        @Value("${listings.table}") String listingsTable,
        @Value("${dealers.table}") String dealersTable,
        @Value("${market.stats.table}") String marketStatsTable,
        @Nullable @Value("${admin.token.sha256:}") String adminTokenSha256,
        @Nullable @Value("${aws.region:}") String awsRegion,
        @Nullable @Value("${aws.endpoint.url:}") String awsEndpointUrl,
        @Nullable @Value("${cursor.key:}") String cursorKey,
        @Nullable @Value("${autocentric.aws.access-key-id:}") String accessKeyId,
        @Nullable @Value("${autocentric.aws.secret-access-key:}") String secretAccessKey) {
}
