package dev.autocentric.search;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The function's configuration. Each value is a Micronaut property, which Micronaut also reads
 * from the environment variable of the upper-case, underscore name (LISTINGS_TABLE, MARKET_STATS_TABLE, CURSOR_KEY,
 * ADMIN_TOKEN_SHA256, AWS_REGION, AWS_ENDPOINT_URL), so tests can set them as plain properties.
 *
 * <p>The cursor HMAC key is CURSOR_KEY when set, else derived from ADMIN_TOKEN_SHA256 (a
 * per-deployment secret every API function already has). {@code autocentric.aws.*} credentials
 * exist for tests against the emulator only; on Lambda the environment's credentials are used.
 */
@Singleton
public record SearchSettings(
        @Value("${listings.table}") String listingsTable,
        @Nullable @Value("${market.stats.table:}") String marketStatsTable,
        @Nullable @Value("${cursor.key:}") String cursorKey,
        @Nullable @Value("${admin.token.sha256:}") String adminTokenSha256,
        @Nullable @Value("${aws.region:}") String awsRegion,
        @Nullable @Value("${aws.endpoint.url:}") String awsEndpointUrl,
        @Nullable @Value("${autocentric.aws.access-key-id:}") String accessKeyId,
        @Nullable @Value("${autocentric.aws.secret-access-key:}") String secretAccessKey) {
}
